package dev.switchboard.orchestrator.run;

import java.util.List;

/**
 * What a run's end set off, for {@code GET /runs/{id}}: the webhook delivery and the runs it
 * chained. Kept by the webhook feature; declared here so reading a run needs no part of it.
 */
public interface RunFollowUps {

    /**
     * @param webhook null when the run has neither webhookUrl nor chain
     * @param childRunIds the runs it started as the next hop of its chain
     */
    record FollowUp(RunView.Webhook webhook, List<String> childRunIds) {
    }

    FollowUp of(RunDocument run);
}
