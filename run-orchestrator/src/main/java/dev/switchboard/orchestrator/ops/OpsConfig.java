package dev.switchboard.orchestrator.ops;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Kafka clients of the ops feature, built from the service's own Kafka properties (so security
 * settings carry over). They handle raw bytes: a dead letter is replayed exactly as it was
 * stored, even when it is not a valid event.
 */
@Configuration
class OpsConfig {

    @Bean(destroyMethod = "close")
    Admin opsAdmin(KafkaProperties kafka) {
        return Admin.create(kafka.buildAdminProperties());
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> replayProducer(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, props.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "run-orchestrator")
                + "-replay");
        return new KafkaProducer<>(props);
    }

    @Bean
    DeadLetterReader deadLetterReader(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildConsumerProperties();
        // reads by assignment and seek: no group, nothing committed, no rebalance
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, props.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "run-orchestrator")
                + "-dlt-reader");
        return new DeadLetterReader(props);
    }
}
