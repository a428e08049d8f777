package dev.switchboard.executor.resilience;

/**
 * What a resilient call came to: the last attempt's result (the one the step reports) and how many
 * attempts were made, which the step's {@code calls} shows.
 */
public record Attempts<T>(T last, int attempts) {
}
