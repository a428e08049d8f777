package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.expressions.JavaScriptSandbox;
import dev.switchboard.expressions.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration
@EnableScheduling
class EngineConfig {

    /** Tools and connectors, read from the compacted registry topic, so no step waits on the registry. */
    @Bean(destroyMethod = "close")
    RegistryView registryView(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return RegistryView.start(bootstrapServers);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JavaScriptSandbox javaScriptSandbox(@Value("${switchboard.expressions.timeout:1s}") Duration timeout) {
        return new JavaScriptSandbox(timeout);
    }

    @Bean
    TemplateRenderer templateRenderer(JavaScriptSandbox javaScript) {
        return new TemplateRenderer(javaScript);
    }

    /**
     * Offsets are committed without waiting for the coordinator's answer: a synchronous commit
     * after every poll holds the next event of every run in the partition for a round trip. A
     * commit lost in a crash only means a redelivery, which the handlers recognise.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncCommits() {
        return container -> container.getContainerProperties().setSyncCommits(false);
    }

    /**
     * A record whose handling keeps failing (the store is down, say) is retried with backoff for
     * about a minute, then parked on its topic's DLT with the error in the headers, so one bad
     * record cannot stop a partition for good. Records that are not valid events go there at once,
     * as the bytes they arrived as: the event serializer cannot write those, so they get a
     * template of their own (without it the recoverer failed and the record blocked its partition).
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka, KafkaProperties properties) {
        var rawBytes = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(properties.buildProducerProperties(),
                new StringSerializer(), new ByteArraySerializer()));
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawBytes);
        templates.put(Object.class, kafka);
        var recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, e) -> new TopicPartition(Topics.dlt(record.topic()), -1));
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(60_000);
        return new DefaultErrorHandler(recoverer, backOff);
    }
}
