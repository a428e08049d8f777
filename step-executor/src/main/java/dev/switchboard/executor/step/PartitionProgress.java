package dev.switchboard.executor.step;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;

/**
 * The steps of one partition this instance has taken and not finished. Calls end in any order,
 * but Kafka keeps one offset per partition: what may be committed is the first offset still in
 * flight, or the one after the last taken when none is. A crash then repeats only calls that had
 * not ended (with their Idempotency-Key), never skips one.
 */
final class PartitionProgress {

    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    /** Written and read by the polling thread only. */
    private long next = -1;
    private long committed = -1;
    private boolean paused;

    void started(long offset) {
        inFlight.add(offset);
        next = Math.max(next, offset + 1);
    }

    void done(long offset) {
        inFlight.remove(offset);
        if (inFlight.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until no step of this partition is in flight, or {@code deadlineNanos} (System.nanoTime) passes. */
    synchronized void awaitIdle(long deadlineNanos) throws InterruptedException {
        long left;
        while (!inFlight.isEmpty() && (left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    int inFlight() {
        return inFlight.size();
    }

    /** The offset to commit now, or -1 if it has not moved since the last commit. */
    long toCommit() {
        Long first = inFlight.ceiling(Long.MIN_VALUE);
        long committable = first != null ? first : next;
        if (committable <= committed) {
            return -1;
        }
        return committable;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }
}
