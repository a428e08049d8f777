package dev.switchboard.secrets;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** Encrypted shared and per-user secrets (Mongo db {@code secrets}). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableMethodSecurity
public class SecretsServiceApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(SecretsServiceApplication.class, args);
    }
}
