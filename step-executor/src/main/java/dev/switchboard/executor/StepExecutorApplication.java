package dev.switchboard.executor;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Makes the protocol calls of steps; owns nothing durable. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StepExecutorApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(StepExecutorApplication.class, args);
    }
}
