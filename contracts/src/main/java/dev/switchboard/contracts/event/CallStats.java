package dev.switchboard.contracts.event;

/** How many requests a step made, and over how many pages. */
public record CallStats(int requests, int pages) {
}
