package dev.switchboard.orchestrator.run;

/** A run with this runId exists already: run ids are single-use. */
public class RunExistsException extends RuntimeException {

    public RunExistsException(String runId) {
        super("a run with runId '" + runId + "' exists already; run ids cannot be reused");
    }
}
