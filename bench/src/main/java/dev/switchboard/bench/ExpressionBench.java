package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ExpressionBenchmark} under JMH in a forked JVM and reads the percentiles back; twice as
 * many warm-up iterations as measured ones, since GraalJS interprets on a stock JDK and settles late.
 */
final class ExpressionBench {

    /** Microseconds per evaluation on a pooled context, and per cold context. */
    record Result(double p50, double p99, double coldContextP50, double coldContextP99) {
    }

    private ExpressionBench() {
    }

    static Result measure(int iterations) throws RunnerException, IOException {
        Path log = Files.createTempFile("switchboard-jmh-", ".txt");
        try {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(ExpressionBenchmark.class.getName() + "\\.")
                    .forks(1)
                    .warmupIterations(2 * iterations).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                    .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")
                    .output(log.toString())
                    .build()).run();
            double p50 = 0;
            double p99 = 0;
            double coldP50 = 0;
            double coldP99 = 0;
            for (RunResult result : results) {
                var statistics = result.getPrimaryResult().getStatistics();
                if (result.getParams().getBenchmark().endsWith("pooledContext")) {
                    p50 = statistics.getPercentile(50);
                    p99 = statistics.getPercentile(99);
                } else {
                    coldP50 = statistics.getPercentile(50);
                    coldP99 = statistics.getPercentile(99);
                }
            }
            return new Result(Percentiles.round(p50), Percentiles.round(p99), Percentiles.round(coldP50),
                    Percentiles.round(coldP99));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
