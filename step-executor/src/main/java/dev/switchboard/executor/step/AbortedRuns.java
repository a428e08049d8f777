package dev.switchboard.executor.step;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Runs someone aborted, and the threads calling out for each run now. Aborting interrupts those
 * threads, which cancels their HTTP exchanges, and later steps of the run are not called at all.
 * Aborted run ids are forgotten after an hour: by then no step of theirs is still queued.
 */
@Component
class AbortedRuns {

    private static final long FORGET_AFTER_NANOS = Duration.ofHours(1).toNanos();

    private final Map<String, Long> aborted = new ConcurrentHashMap<>();
    private final Map<String, Set<Thread>> calling = new ConcurrentHashMap<>();

    boolean isAborted(String runId) {
        return aborted.containsKey(runId);
    }

    void abort(String runId) {
        long now = System.nanoTime();
        aborted.put(runId, now);
        aborted.values().removeIf(at -> now - at > FORGET_AFTER_NANOS);
        Set<Thread> threads = calling.get(runId);
        if (threads != null) {
            threads.forEach(Thread::interrupt);
        }
    }

    /** Marks the current thread as calling for {@code runId} until {@link #done}. */
    void calling(String runId) {
        calling.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
    }

    void done(String runId) {
        calling.computeIfPresent(runId, (id, threads) -> {
            threads.remove(Thread.currentThread());
            return threads.isEmpty() ? null : threads;
        });
    }
}
