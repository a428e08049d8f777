package dev.switchboard.gateway.health;

import dev.switchboard.gateway.routing.ServiceUrls;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * One health component per service (registry, secrets, orchestrator, executor): UP only when the
 * service itself says UP within two seconds.
 */
@Configuration
class ServiceHealthIndicators {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Bean
    ReactiveHealthContributor registryHealthContributor(ServiceUrls urls) {
        return indicator(urls.registryUrl().toString());
    }

    @Bean
    ReactiveHealthContributor secretsHealthContributor(ServiceUrls urls) {
        return indicator(urls.secretsUrl().toString());
    }

    @Bean
    ReactiveHealthContributor orchestratorHealthContributor(ServiceUrls urls) {
        return indicator(urls.orchestratorUrl().toString());
    }

    @Bean
    ReactiveHealthContributor executorHealthContributor(ServiceUrls urls) {
        return indicator(urls.executorUrl().toString());
    }

    private static ReactiveHealthIndicator indicator(String baseUrl) {
        WebClient client = WebClient.builder().baseUrl(baseUrl).build();
        return () -> client.get().uri("/actuator/health")
                .exchangeToMono(response -> response.bodyToMono(Map.class).defaultIfEmpty(Map.of())
                        .map(body -> "UP".equals(body.get("status"))
                                ? Health.up().withDetail("url", baseUrl).build()
                                : Health.down().withDetail("url", baseUrl)
                                        .withDetail("status", String.valueOf(body.get("status")))
                                        .withDetail("httpStatus", response.statusCode().value()).build()))
                .timeout(TIMEOUT)
                .onErrorResume(error -> Mono.just(Health.down().withDetail("url", baseUrl)
                        .withDetail("error", error.getClass().getSimpleName() + ": " + error.getMessage()).build()));
    }
}
