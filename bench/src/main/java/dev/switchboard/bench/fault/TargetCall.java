package dev.switchboard.bench.fault;

/**
 * One call the target API received: its {@code Idempotency-Key} (null when absent), when it began
 * ({@link System#nanoTime()}) and the status it was answered.
 */
record TargetCall(String idempotencyKey, long startedAtNanos, int status) {

    /** The run a key {@code runId:stepId:itemIndex} belongs to, or null for a key of another shape. */
    String runId() {
        if (idempotencyKey == null) {
            return null;
        }
        int last = idempotencyKey.lastIndexOf(':');
        int second = last > 0 ? idempotencyKey.lastIndexOf(':', last - 1) : -1;
        return second > 0 ? idempotencyKey.substring(0, second) : null;
    }
}
