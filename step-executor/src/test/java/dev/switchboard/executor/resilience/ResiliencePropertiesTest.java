package dev.switchboard.executor.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The component as Spring builds it: defaults when nothing is set, overrides bound, bad values stop the start. */
class ResiliencePropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Wiring.class);

    @Test
    void nothingConfiguredGivesTheDocumentedDefaults() {
        context.run(app -> {
            assertThat(app).hasSingleBean(ConnectorResilience.class);
            assertThat(app.getBean(ResilienceProperties.class)).isEqualTo(ResilienceProperties.defaults());
        });
    }

    @Test
    void overridesAreBoundIncludingTheNestedOnes() {
        context.withPropertyValues("switchboard.executor.resilience.max-attempts=5",
                "switchboard.executor.resilience.backoff=1s",
                "switchboard.executor.resilience.breaker.open-for=10s",
                "switchboard.executor.resilience.bulkhead.max-concurrent=8").run(app -> {
                    ResilienceProperties properties = app.getBean(ResilienceProperties.class);
                    assertThat(properties.maxAttempts()).isEqualTo(5);
                    assertThat(properties.backoff()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(properties.breaker().openFor()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(properties.breaker().slidingWindow()).isEqualTo(20);
                    assertThat(properties.bulkhead().maxConcurrent()).isEqualTo(8);
                });
    }

    @Test
    void aBadValueStopsTheStartNamingTheProperty() {
        context.withPropertyValues("switchboard.executor.resilience.jitter=1.5").run(app ->
                assertThat(app).getFailure().rootCause()
                        .hasMessageContaining("switchboard.executor.resilience.jitter"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResilienceProperties.class)
    @Import(ConnectorResilience.class)
    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }
}
