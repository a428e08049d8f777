package dev.switchboard.bench;

import java.util.List;

/**
 * The results file ({@code bench-results.json}), in the shape of ARCHITECTURE §9a plus the detail
 * behind each figure (every throughput rung, the cold-context cost, errors seen).
 */
record BenchResults(String commit, String date, String profile, Machine machine, Percentiles directMs,
        Percentiles runMs, Percentiles stepOverheadMs, long overheadErrors, int overheadRatePerSecond,
        Double throughputRunsPerSec, boolean lagFlat, List<ThroughputBench.Rung> throughput, LoopBench.Result loop,
        Micros expressionUs, Micros coldContextUs, Double mongoWritesPerStep, Double kafkaRecordsPerStep,
        Targets targets) {

    /** The machine the figures were taken on. */
    record Machine(int cores, double memoryGb, String java) {
    }

    /** p50/p99 in microseconds. */
    record Micros(double p50, double p99) {
    }

    /** The issues' goals, each with whether this run met it. */
    record Targets(Goal stepOverheadP50, Goal stepOverheadP99, Goal throughput, Goal loopSpeedup,
            Goal expressionP50) {
    }

    /** A goal and this run's figure against it. */
    record Goal(String goal, Double measured, boolean met) {

        static Goal atMost(String goal, Double measured, double limit) {
            return new Goal(goal, measured, measured != null && measured <= limit);
        }

        static Goal atLeast(String goal, Double measured, double limit) {
            return new Goal(goal, measured, measured != null && measured >= limit);
        }
    }
}
