package dev.switchboard.orchestrator.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Callers waiting in this process for runs to finish (sync runs, aborts). The engine hands over a
 * run it finished here as it stored it, so the caller needs no read; a RunFinished from another
 * instance signals only the id, and the caller reads the run from the store.
 */
@Component
public class RunWaiters {

    private final Map<String, CompletableFuture<RunDocument>> waiting = new ConcurrentHashMap<>();
    private final RunStore store;

    RunWaiters(RunStore store) {
        this.store = store;
    }

    /** Registers interest before the run can finish, so the signal cannot be missed. */
    public CompletableFuture<RunDocument> register(String runId) {
        return waiting.computeIfAbsent(runId, id -> new CompletableFuture<>());
    }

    /** The engine stored {@code run} final; nobody changes the document after this. */
    public void finished(RunDocument run) {
        CompletableFuture<RunDocument> waiter = waiting.remove(run.getRunId());
        if (waiter != null) {
            waiter.complete(run);
        }
    }

    /** Another instance finished the run. */
    public void finished(String runId) {
        CompletableFuture<RunDocument> waiter = waiting.remove(runId);
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    /** The run as it finished, if it finished within {@code timeout}. */
    public Optional<RunDocument> await(String runId, CompletableFuture<RunDocument> waiter, Duration timeout)
            throws InterruptedException {
        RunDocument run;
        try {
            run = waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // left registered: another caller (a sync run and an abort) may share this waiter, and
            // the run's end removes it; runs always end, at the latest at their deadline
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return run != null ? Optional.of(run) : store.find(runId);
    }
}
