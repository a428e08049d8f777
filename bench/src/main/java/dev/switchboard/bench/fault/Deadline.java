package dev.switchboard.bench.fault;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits on a condition, polled, until a deadline: the harness never waits for a fixed time. */
final class Deadline {

    private static final Duration POLL = Duration.ofMillis(250);

    private Deadline() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} once {@code within} has passed. */
    static void await(String what, Duration within, Callable<Boolean> condition) {
        if (!holdsWithin(within, condition)) {
            throw new IllegalStateException("timed out after " + within.toSeconds() + " s waiting for " + what);
        }
    }

    /** Polls {@code condition} until it holds (true) or {@code within} has passed (false). */
    static boolean holdsWithin(Duration within, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (condition.call()) {
                    return true;
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
