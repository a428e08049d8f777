package dev.switchboard.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Owns connectors, tools and agents (Mongo db {@code registry}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectorRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConnectorRegistryApplication.class, args);
    }
}
