package dev.switchboard.orchestrator.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Callers waiting in this process for runs to finish (sync runs, aborts). The engine signals a
 * run it finished here; RunFinished from other instances signals the rest.
 */
@Component
public class RunWaiters {

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Registers interest before the run can finish, so the signal cannot be missed. */
    public CompletableFuture<Void> register(String runId) {
        return waiting.computeIfAbsent(runId, id -> new CompletableFuture<>());
    }

    public void finished(String runId) {
        CompletableFuture<Void> waiter = waiting.remove(runId);
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    /** True if the run finished within {@code timeout}. */
    public boolean await(String runId, CompletableFuture<Void> waiter, Duration timeout) throws InterruptedException {
        try {
            waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            // left registered: another caller (a sync run and an abort) may share this waiter, and
            // the run's end removes it; runs always end, at the latest at their deadline
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
