package dev.switchboard.orchestrator.webhook;

import dev.switchboard.orchestrator.launch.ChainedRunStarter;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A chain hop's attempt: starting the next run, which either starts, is refused for good, or is tried again. */
@Component
class ChainHops {

    private final ChainedRunStarter starter;
    private final JsonMapper json;

    ChainHops(ChainedRunStarter starter, JsonMapper json) {
        this.starter = starter;
        this.json = json;
    }

    AttemptResult attempt(WebhookDelivery delivery) throws InterruptedException {
        long started = System.nanoTime();
        WebhookDelivery.NextRun next = delivery.getNext();
        ChainedRunStarter.Outcome outcome = starter.start(new ChainedRunStarter.Hop(next.childRunId(),
                next.toolId(), json.readTree(delivery.getBody()), next.userId(), next.chatId(), delivery.getRunId(),
                next.chainDepth(), next.ancestorToolIds(), delivery.getTraceId(), next.webhookUrl(), next.chain(),
                next.chainOn()));
        long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (outcome.started()) {
            return AttemptResult.delivered(null, took);
        }
        return outcome.refusal() != null ? AttemptResult.refused(took, "not chained: " + outcome.refusal())
                : AttemptResult.retry(null, took, outcome.transientError(), null);
    }
}
