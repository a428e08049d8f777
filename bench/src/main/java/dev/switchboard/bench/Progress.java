package dev.switchboard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Progress lines on stderr while the bench runs (stdout carries only the report). */
final class Progress {

    private final Instant started = Instant.now();

    void say(String format, Object... args) {
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        System.err.printf("[%3d:%02d] %s%n", seconds / 60, seconds % 60, args.length == 0 ? format
                : format.formatted(args));
    }

    /** Prints {@code line} every {@code seconds} until closed. */
    Ticker every(int seconds, Supplier<String> line) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("bench-progress").factory());
        timer.scheduleAtFixedRate(() -> say(line.get()), seconds, seconds, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    /** A periodic progress line; closing it stops the line. */
    interface Ticker extends AutoCloseable {
        @Override
        void close();
    }
}
