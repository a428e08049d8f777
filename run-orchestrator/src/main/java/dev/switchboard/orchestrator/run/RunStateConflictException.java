package dev.switchboard.orchestrator.run;

/** The run is not in a state that allows the request, e.g. aborting a finished run. */
public class RunStateConflictException extends RuntimeException {

    public RunStateConflictException(String message) {
        super(message);
    }
}
