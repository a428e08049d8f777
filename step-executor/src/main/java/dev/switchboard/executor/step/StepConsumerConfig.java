package dev.switchboard.executor.step;

import dev.switchboard.contracts.registry.RegistryView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class StepConsumerConfig {

    /** Connectors, read from the compacted registry topic, so no call waits on the registry. */
    @Bean(destroyMethod = "close")
    RegistryView registryView(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return RegistryView.start(bootstrapServers);
    }
}
