package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Per-step overhead: a direct GET of the target and a sync 1-step tool run that makes the same GET,
 * interleaved on one open-loop schedule at the same rate each, so both see the same machine at
 * the same moments; the overhead is the run's percentile minus the direct call's.
 */
final class StepOverheadBench {

    /** What one overhead measurement found. */
    record Result(int ratePerSecond, int seconds, Percentiles directMs, Percentiles runMs, Percentiles stepOverheadMs,
            long errors) {
    }

    private final GatewayClient client;
    private final URI direct;

    StepOverheadBench(GatewayClient client, TargetApi target) {
        this.client = client;
        this.direct = target.baseUrl().resolve("/ping");
    }

    Result measure(int rate, int seconds, Progress progress) throws InterruptedException {
        Histogram directMicros = histogram();
        Histogram runMicros = histogram();
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long total = 2L * rate * seconds;
        try (var ticker = progress.every(5, () -> "  overhead: %d of %d requests answered".formatted(done.get(), total))) {
            OpenLoop.run(total, Duration.ofNanos(1_000_000_000L / (2L * rate)), Duration.ofSeconds(60), (i, due) -> {
                boolean isRun = i % 2 == 1;
                boolean ok;
                try {
                    HttpResponse<String> response = isRun ? client.send("POST", "/tools/bench-one/run", "{}")
                            : client.get(direct);
                    ok = response.statusCode() == 200
                            && (!isRun || response.body().contains("\"status\":\"success\""));
                } catch (Exception e) {
                    ok = false;
                }
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due);
                (isRun ? runMicros : directMicros).recordValue(Math.min(micros, directMicros.getHighestTrackableValue()));
                if (!ok) {
                    errors.incrementAndGet();
                }
                done.incrementAndGet();
            });
        }
        Percentiles directMs = Percentiles.ofMicros(directMicros);
        Percentiles runMs = Percentiles.ofMicros(runMicros);
        return new Result(rate, seconds, directMs, runMs, runMs.minus(directMs), errors.get());
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
    }
}
