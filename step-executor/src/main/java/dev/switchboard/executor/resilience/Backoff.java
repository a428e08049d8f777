package dev.switchboard.executor.resilience;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th wait is {@code first × multiplier^(n-1)}, moved by up to
 * ±{@code jitter} at random so that calls that failed together spread out instead of retrying in step.
 */
final class Backoff {

    private final double multiplier;
    private final double jitter;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(double multiplier, double jitter, Duration max, DoubleSupplier random) {
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.max = max;
        this.random = random;
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (1 = after the first). */
    Duration after(int failedAttempts, Duration first) {
        double base = first.toMillis() * Math.pow(multiplier, failedAttempts - 1);
        double spread = base * (1 - jitter + 2 * jitter * random.getAsDouble());
        return spread >= max.toMillis() ? max : Duration.ofMillis(Math.round(spread));
    }
}
