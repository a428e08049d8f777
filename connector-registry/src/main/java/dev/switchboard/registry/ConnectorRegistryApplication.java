package dev.switchboard.registry;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Owns connectors, tools and agents (Mongo db {@code registry}). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConnectorRegistryApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }


    public static void main(String[] args) {
        SpringApplication.run(ConnectorRegistryApplication.class, args);
    }
}
