package dev.switchboard.orchestrator.webhook;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.event.ToolChanged;
import dev.switchboard.contracts.kafka.EventSerde;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** Publishes tools to the registry topic as the registry would, and other events where a test needs them. */
final class RegistryFixture implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, SwitchboardEvent> producer;

    RegistryFixture(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerde().serializer());
    }

    /** A tool as JSON text (its {@code id} inside). */
    void tool(String json) {
        var snapshot = JSON.readTree(json);
        var changed = new ToolChanged(UUID.randomUUID(), Instant.now(), null, snapshot.get("id").asString(), 1, false,
                snapshot);
        send(Topics.REGISTRY_CHANGES, changed.key(), changed);
    }

    /** Any event, as another producer (or a redelivery) would put it on {@code topic}. */
    void send(String topic, String key, SwitchboardEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, event)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A tool with no steps that adds one to its input {@code n}: a run of it finishes as soon as it
     * starts, with no executor needed.
     */
    void counter(String id, String defaultOptions) {
        tool("""
                {"id": "%s", "steps": [], "inputSchema": {"type": "object", "required": ["n"]},
                 "outputTransform": "(sourceData) => ({n: sourceData.n + 1, by: '%s'})"%s}"""
                .formatted(id, id, defaultOptions == null ? "" : ", \"defaultOptions\": " + defaultOptions));
    }

    @Override
    public void close() {
        producer.close();
    }
}
