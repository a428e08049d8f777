package dev.switchboard.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Accepts runs and sequences their steps over Kafka (Mongo db {@code runs}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RunOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(RunOrchestratorApplication.class, args);
    }
}
