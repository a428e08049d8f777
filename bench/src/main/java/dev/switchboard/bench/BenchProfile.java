package dev.switchboard.bench;

import java.util.List;

/**
 * How long and how hard each measurement runs. The quick profile fits in 3 minutes with the
 * standalone's start; the full one in 15, and holds 50 runs/s for 5 minutes as the engine issue
 * asks before it ramps further.
 *
 * @param overheadRate      sync 1-step runs per second (and as many direct calls), open model
 * @param warmUpSeconds     of the overhead load, then of async 3-step runs, then looped runs, all
 *                          discarded: five services and a broker start cold, and a profile taken
 *                          two minutes after a start still showed a quarter of the CPU in the JIT
 * @param overheadSeconds   measured
 * @param throughputSteps   async 3-step run rates tried in order, and how long each holds
 * @param loopItems         items of the looped step
 * @param loopConcurrency   the looped tool's concurrency
 * @param itemDelayMs       the target's latency for one looped item
 * @param jmhIterations     measured JMH iterations of one second (as many warm-up ones)
 */
record BenchProfile(int overheadRate, int warmUpSeconds, int overheadSeconds, List<RateStep> throughputSteps,
        int loopItems, int loopConcurrency, int itemDelayMs, int jmhIterations) {

    /** One rung of the throughput ramp. */
    record RateStep(int runsPerSecond, int seconds) {
    }

    static BenchProfile quick() {
        return new BenchProfile(20, 30, 20, List.of(new RateStep(50, 15), new RateStep(100, 15)), 100, 8, 20, 3);
    }

    static BenchProfile full() {
        return new BenchProfile(20, 90, 60, List.of(new RateStep(50, 300), new RateStep(75, 60),
                new RateStep(100, 60), new RateStep(150, 60)), 100, 8, 20, 5);
    }
}
