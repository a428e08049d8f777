package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.event.StepRequested;
import java.util.ArrayList;
import java.util.List;

/**
 * What one event did to a run, to publish once the run document is saved: the steps it
 * requested and whether it finished the run. {@code cause} is recorded on every item it
 * dispatched, so a redelivered event can find and resend them.
 */
final class Transition {

    private final String cause;
    private final List<StepRequested> requests = new ArrayList<>();
    private boolean finished;
    private boolean replay;
    private boolean paused;

    Transition(String cause) {
        this.cause = cause;
    }

    String cause() {
        return cause;
    }

    void request(StepRequested step) {
        requests.add(step);
    }

    List<StepRequested> requests() {
        return requests;
    }

    void finished() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }

    /** The run now waits for a person's decision at an approval step. */
    void paused() {
        paused = true;
    }

    boolean isPaused() {
        return paused;
    }

    /** Marks a redelivered event's transition: the run already holds it, it is only published again. */
    void replay() {
        replay = true;
    }

    boolean isReplay() {
        return replay;
    }
}
