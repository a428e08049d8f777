/**
 * The benchmark and fault harness behind {@code ./switchboard bench}: it starts a standalone (or
 * targets one given by URL), serves its own target API on loopback, and measures Switchboard side by
 * side with direct calls in the same run, so the figures are ratios on the same machine.
 */
package dev.switchboard.bench;
