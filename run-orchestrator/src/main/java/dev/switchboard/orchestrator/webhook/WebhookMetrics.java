package dev.switchboard.orchestrator.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard.webhook.deliveries} (every attempt and every refusal, by kind http|chain and
 * outcome delivered|retry|failed|refused) and {@code switchboard.webhook.delivery.latency}, from
 * RunFinished to the attempt that delivered (ARCHITECTURE §9).
 */
@Component
class WebhookMetrics {

    private final MeterRegistry meters;

    WebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void outcome(WebhookDelivery delivery, String outcome) {
        Counter.builder("switchboard.webhook.deliveries").description("Webhook attempts and chain hops, by outcome")
                .tags("kind", kind(delivery), "outcome", outcome).register(meters).increment();
    }

    void delivered(WebhookDelivery delivery, Instant now) {
        outcome(delivery, "delivered");
        if (delivery.getRunFinishedAt() != null) {
            Timer.builder("switchboard.webhook.delivery.latency")
                    .description("From RunFinished to the webhook delivered or the next run started")
                    .tags("kind", kind(delivery)).publishPercentileHistogram().register(meters)
                    .record(Duration.between(delivery.getRunFinishedAt(), now));
        }
    }

    private static String kind(WebhookDelivery delivery) {
        return delivery.isChainHop() || delivery.getUrl().startsWith("tool:") ? "chain" : "http";
    }
}
