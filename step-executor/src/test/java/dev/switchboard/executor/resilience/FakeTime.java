package dev.switchboard.executor.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Wall clock, monotonic nanos and sleeper in one: a sleep is recorded and moves both, and nothing really waits. */
final class FakeTime extends Clock implements Sleeper {

    private volatile Instant now;
    private volatile long nanos = 1_000_000_000L;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    void advance(Duration duration) {
        now = now.plus(duration);
        nanos += duration.toNanos();
    }

    Supplier<Long> nanoTime() {
        return () -> nanos;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same fake time seen in another zone: it moves when this one does. */
    @Override
    public Clock withZone(ZoneId zone) {
        FakeTime time = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return time.withZone(other);
            }

            @Override
            public Instant instant() {
                return time.instant();
            }
        };
    }
}
