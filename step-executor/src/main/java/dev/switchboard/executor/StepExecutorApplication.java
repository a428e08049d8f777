package dev.switchboard.executor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Makes the protocol calls of steps; owns nothing durable. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StepExecutorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StepExecutorApplication.class, args);
    }
}
