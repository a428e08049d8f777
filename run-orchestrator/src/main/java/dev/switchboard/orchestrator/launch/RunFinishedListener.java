package dev.switchboard.orchestrator.launch;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.orchestrator.run.RunWaiters;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A sync caller may wait on one instance while another owns its run's partition: every instance
 * hears every RunFinished (a group of its own, from the latest offset) and wakes its own waiters.
 */
@Component
class RunFinishedListener {

    private final RunWaiters waiters;

    RunFinishedListener(RunWaiters waiters) {
        this.waiters = waiters;
    }

    @KafkaListener(topics = Topics.RUNS_FINISHED, groupId = "run-orchestrator-waiters-#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void onFinished(SwitchboardEvent event) {
        if (event instanceof RunFinished finished) {
            waiters.finished(finished.runId());
        }
    }
}
