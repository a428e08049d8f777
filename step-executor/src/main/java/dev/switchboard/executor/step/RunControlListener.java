package dev.switchboard.executor.step;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every executor must hear every abort (any of them may be calling for the run), so each instance
 * reads the control topic in a group of its own, from the latest offset.
 */
@Component
class RunControlListener {

    private final AbortedRuns aborted;

    RunControlListener(AbortedRuns aborted) {
        this.aborted = aborted;
    }

    @KafkaListener(topics = Topics.RUNS_CONTROL, groupId = "step-executor-control-#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void onControl(SwitchboardEvent event) {
        if (event instanceof RunAbortRequested abort) {
            aborted.abort(abort.runId());
        }
    }
}
