package dev.switchboard.orchestrator.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Every {@code switchboard.webhooks.poll-every}, takes over due retries and abandoned deliveries. */
final class WebhookPoller {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPoller.class);

    private final WebhookDispatcher dispatcher;

    WebhookPoller(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${switchboard.webhooks.poll-every:1s}")
    void poll() {
        try {
            dispatcher.takeOverDue();
        } catch (RuntimeException e) {
            // the next poll tries again; a store hiccup must not stop the schedule
            LOG.warn("webhook poll failed: {}", e.toString());
        }
    }
}
