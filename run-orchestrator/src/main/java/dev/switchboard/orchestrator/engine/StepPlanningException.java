package dev.switchboard.orchestrator.engine;

/** A step that cannot be turned into a request: it fails with {@code code} and sends nothing. */
class StepPlanningException extends RuntimeException {

    private final String code;

    StepPlanningException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
