package dev.switchboard.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load: request {@code i} is due at {@code start + i × interval} whatever happened to
 * the earlier ones, each on its own virtual thread, and its latency counts from when it was due,
 * not from when it was sent, so a stalled system cannot hide its queue (coordinated omission).
 */
final class OpenLoop {

    /** One request of the load; {@code dueNanos} is its intended send time on {@link System#nanoTime()}. */
    interface Request {
        void send(long index, long dueNanos) throws Exception;
    }

    private OpenLoop() {
    }

    /**
     * Issues {@code count} requests {@code interval} apart and returns when all have answered or
     * {@code drain} has passed after the last was due; the pacing park is the load's clock, not a wait.
     */
    static void run(long count, Duration interval, Duration drain, Request request) throws InterruptedException {
        long step = interval.toNanos();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long due = start + i * step;
                for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
                long index = i;
                senders.execute(() -> {
                    try {
                        request.send(index, due);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        // the request counts its own failures; one must not stop the load
                    }
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        }
    }
}
