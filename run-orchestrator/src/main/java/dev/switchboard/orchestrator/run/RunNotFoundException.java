package dev.switchboard.orchestrator.run;

/** No run (or tool, for a run request) by that id. */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String message) {
        super(message);
    }
}
