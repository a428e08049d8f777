package dev.switchboard.executor.step;

import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.registry.RegistryView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

@Configuration
class StepConsumerConfig {

    /**
     * Steps arrive in batches and are acknowledged only when every call of the batch has ended and
     * its StepCompleted is out, so a crash repeats in-flight calls rather than losing them.
     */
    @Bean
    @SuppressWarnings("unchecked")
    ConcurrentKafkaListenerContainerFactory<String, SwitchboardEvent> stepBatchFactory(ConsumerFactory<?, ?> consumers,
            @Value("${switchboard.executor.consumers:4}") int consumerThreads) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, SwitchboardEvent>();
        // a batch waits for its slowest call; several consumers keep one slow API from holding every partition
        factory.setConcurrency(consumerThreads);
        factory.setConsumerFactory((ConsumerFactory<String, SwitchboardEvent>) consumers);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        // the next poll need not wait for the coordinator: a lost commit is a redelivery, and the
        // orchestrator recognises a repeated completion
        factory.getContainerProperties().setSyncCommits(false);
        return factory;
    }

    /** Connectors, read from the compacted registry topic, so no call waits on the registry. */
    @Bean(destroyMethod = "close")
    RegistryView registryView(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return RegistryView.start(bootstrapServers);
    }
}
