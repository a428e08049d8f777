package dev.switchboard.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Sustainable throughput of a 3-step tool: async runs at a fixed rate, rung after rung, with the
 * consumers' lag sampled every second. A rung is sustained when the runs finished while sending
 * keep up with the offered rate and the lag stays flat; the ramp stops at the first rung that is not.
 */
final class ThroughputBench {

    static final int STEPS_PER_RUN = 3;

    /** One rung's figures. */
    record Rung(int offeredPerSecond, int seconds, long accepted, long finished, double finishedPerSecond,
            long lagFirstThirdMax, long lagLastThirdMax, boolean lagFlat, boolean sustained, long errors,
            double drainSeconds, MetricsReader.Counters counters) {
    }

    private final GatewayClient client;
    private final MetricsReader metrics;

    ThroughputBench(GatewayClient client, MetricsReader metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    List<Rung> ramp(List<BenchProfile.RateStep> steps, Progress progress) throws InterruptedException {
        List<Rung> rungs = new ArrayList<>();
        for (BenchProfile.RateStep step : steps) {
            progress.say("throughput: async 3-step runs at %d/s for %d s", step.runsPerSecond(), step.seconds());
            Rung rung = rung(step.runsPerSecond(), step.seconds(), progress);
            rungs.add(rung);
            progress.say("  %d/s offered: %.1f runs/s finished while sending, lag %d → %d (%s)",
                    rung.offeredPerSecond(), rung.finishedPerSecond(), rung.lagFirstThirdMax(), rung.lagLastThirdMax(),
                    rung.sustained() ? "sustained" : "not sustained");
            if (!rung.sustained()) {
                break;
            }
        }
        return rungs;
    }

    private Rung rung(int rate, int seconds, Progress progress) throws InterruptedException {
        long finishedBefore = metrics.finishedRuns("bench-three");
        MetricsReader.Counters countersBefore = metrics.counters();
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> lagSamples = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lag-sampler").factory());
        sampler.scheduleAtFixedRate(() -> {
            long lag = metrics.consumerLag();
            synchronized (lagSamples) {
                lagSamples.add(lag);
                if (lagSamples.size() % 10 == 0) {
                    progress.say("  t=%3ds accepted %6d finished %6d lag %5d", lagSamples.size(), accepted.get(),
                            metrics.finishedRuns("bench-three") - finishedBefore, lag);
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        long start = System.nanoTime();
        try {
            OpenLoop.run((long) rate * seconds, Duration.ofNanos(1_000_000_000L / rate), Duration.ofSeconds(60),
                    (i, due) -> {
                        try {
                            var response = client.send("POST", "/tools/bench-three/run", "{\"options\":{\"async\":true}}");
                            (response.statusCode() == 202 ? accepted : errors).incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    });
        } finally {
            sampler.shutdownNow();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long finishedWhileSending = metrics.finishedRuns("bench-three") - finishedBefore;
        long drainStart = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> metrics.finishedRuns("bench-three") - finishedBefore >= accepted.get());
        } catch (ConditionTimeoutException e) {
            progress.say("  not every accepted run finished within 120 s of the last send");
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long finished = metrics.finishedRuns("bench-three") - finishedBefore;
        MetricsReader.Counters counters = metrics.counters().since(countersBefore);
        List<Long> samples;
        synchronized (lagSamples) {
            samples = List.copyOf(lagSamples);
        }
        LagShape lag = LagShape.of(samples);
        double perSecond = finishedWhileSending / sendSeconds;
        boolean sustained = lag.flat() && errors.get() == 0 && perSecond >= 0.9 * rate;
        return new Rung(rate, seconds, accepted.get(), finished, Math.round(perSecond * 10) / 10.0, lag.firstThirdMax(),
                lag.lastThirdMax(), lag.flat(), sustained, errors.get(), Math.round(drainSeconds * 10) / 10.0,
                counters);
    }
}
