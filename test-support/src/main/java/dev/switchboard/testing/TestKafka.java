package dev.switchboard.testing;

import dev.switchboard.contracts.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker with Switchboard's topics, on a free loopback port. */
public final class TestKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    public TestKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.all().stream().map(Topics.TopicSpec::name)
                .toArray(String[]::new));
        broker.afterPropertiesSet();
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
