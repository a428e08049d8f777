package dev.switchboard.secrets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Encrypted shared and per-user secrets (Mongo db {@code secrets}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SecretsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SecretsServiceApplication.class, args);
    }
}
