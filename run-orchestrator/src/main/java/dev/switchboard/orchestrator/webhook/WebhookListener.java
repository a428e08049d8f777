package dev.switchboard.orchestrator.webhook;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Turns each RunFinished with a webhookUrl into a durable delivery before its offset is
 * committed, so a crash before that redelivers the event and one after it leaves a delivery that
 * the poller finishes. Most arrive already stored by the finishing instance's {@link LocalHandoff};
 * the listener waits for those still being stored and stores the rest itself. Its own consumer group: every finished run is handled by one instance.
 * A group that has never committed reads from the earliest offset, so a run that finished while
 * it was joining for the first time is not missed; runs that finished longer ago than
 * {@code switchboard.webhooks.max-age} are skipped, so a new deployment of this feature does not
 * replay a week of finished runs at their receivers.
 */
final class WebhookListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookListener.class);

    /** How long the consumer waits for this instance's handoff of a run before storing it itself. */
    private static final Duration HANDOFF_PATIENCE = Duration.ofSeconds(10);

    private final RunStore runs;
    private final DeliveryStore deliveries;
    private final LocalHandoff handoff;
    private final DeliveryPlanner planner;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;
    private final Duration maxAge;

    WebhookListener(RunStore runs, DeliveryStore deliveries, LocalHandoff handoff, DeliveryPlanner planner,
            WebhookDispatcher dispatcher, Clock clock, Duration maxAge) {
        this.runs = runs;
        this.deliveries = deliveries;
        this.handoff = handoff;
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @KafkaListener(id = "webhooks", topics = Topics.RUNS_FINISHED, groupId = "run-orchestrator-webhooks",
            concurrency = "${switchboard.webhooks.consumers:2}", batch = "true",
            properties = "auto.offset.reset=earliest")
    void onFinished(List<SwitchboardEvent> events) {
        Instant now = clock.instant();
        List<RunFinished> followedUp = new ArrayList<>();
        for (SwitchboardEvent event : events) {
            // the run document keeps a chain's first hop as its webhookUrl: none means nothing follows;
            // a record that is no valid event arrives as null and is the main group's to dead-letter
            if (event instanceof RunFinished finished && finished.webhookUrl() != null) {
                if (finished.occurredAt() != null && finished.occurredAt().isBefore(now.minus(maxAge))) {
                    LOG.debug("run {} finished at {}, longer ago than switchboard.webhooks.max-age: no webhook",
                            finished.runId(), finished.occurredAt());
                } else {
                    followedUp.add(finished);
                }
            }
        }
        // most were handed off by the instance that finished them: its delivery is stored, or soon
        followedUp.removeIf(finished -> handoff.awaitStored(finished.runId(), HANDOFF_PATIENCE));
        if (followedUp.isEmpty()) {
            return;
        }
        Set<String> stored = deliveries.existing(followedUp.stream().map(RunFinished::runId).toList());
        followedUp.removeIf(finished -> stored.contains(finished.runId()));
        if (followedUp.isEmpty()) {
            return;
        }
        // one read and one insert for the rest of the poll: a consumer that fell behind catches up in few round trips
        Map<String, RunDocument> runsById = runs.findFollowUps(followedUp.stream().map(RunFinished::runId).toList())
                .stream().collect(Collectors.toMap(RunDocument::getRunId, run -> run));
        dispatcher.acceptAll(followedUp.stream().map(finished -> {
            RunDocument run = runsById.get(finished.runId());
            return planner.plan(finished, run == null ? null : run.getChain(), run == null ? null : run.getChainOn(),
                    now);
        }).toList());
    }
}
