package dev.switchboard.bench;

import java.util.Locale;

/** The results as a Markdown table for the terminal and docs/benchmarks.md. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String of(BenchResults r) {
        StringBuilder md = new StringBuilder();
        md.append("Switchboard bench (%s), commit %s, %s, %d cores, %.0f GB, %s%n%n".formatted(r.profile(), r.commit(),
                r.date(), r.machine().cores(), r.machine().memoryGb(), r.machine().java()));
        md.append("| measure | p50 | p95 | p99 |\n|---|---|---|---|\n");
        row(md, "direct call to the target (ms)", r.directMs());
        row(md, "sync 1-step run through the gateway (ms)", r.runMs());
        row(md, "**per-step overhead (ms)**", r.stepOverheadMs());
        md.append("%n(%d runs/s and as many direct calls, open model; %d errors)%n%n".formatted(
                r.overheadRatePerSecond(), r.overheadErrors()));
        md.append("| throughput rung (3-step async) | finished/s | lag first → last third | sustained |\n"
                + "|---|---|---|---|\n");
        for (ThroughputBench.Rung rung : r.throughput()) {
            md.append("| %d/s for %d s | %.1f | %d → %d | %s |%n".formatted(rung.offeredPerSecond(), rung.seconds(),
                    rung.finishedPerSecond(), rung.lagFirstThirdMax(), rung.lagLastThirdMax(),
                    rung.sustained() ? "yes" : "no"));
        }
        md.append("\n| figure | value | goal | met |\n|---|---|---|---|\n");
        goal(md, "per-step overhead p50 (ms)", r.targets().stepOverheadP50());
        goal(md, "per-step overhead p99 (ms)", r.targets().stepOverheadP99());
        goal(md, "sustained 3-step runs/s, flat lag", r.targets().throughput());
        goal(md, "loop of %d items, concurrency %d: sequential %d ms / wall %d ms".formatted(r.loop().items(),
                r.loop().concurrency(), r.loop().sequentialMs(), r.loop().wallMs()), r.targets().loopSpeedup());
        goal(md, "expression on a pooled context p50 (µs)", r.targets().expressionP50());
        md.append("| expression p99 (µs) | %s | | |%n".formatted(number(r.expressionUs().p99())));
        md.append("| cold context p50 / p99 (µs) | %s / %s | | |%n".formatted(number(r.coldContextUs().p50()),
                number(r.coldContextUs().p99())));
        md.append("| Mongo writes per step | %s | ≤ 2 | |%n".formatted(number(r.mongoWritesPerStep())));
        md.append("| Kafka records per step | %s | | |%n".formatted(number(r.kafkaRecordsPerStep())));
        return md.toString();
    }

    private static void row(StringBuilder md, String label, Percentiles p) {
        md.append("| %s | %s | %s | %s |%n".formatted(label, number(p.p50()), number(p.p95()), number(p.p99())));
    }

    private static void goal(StringBuilder md, String label, BenchResults.Goal goal) {
        md.append("| %s | %s | %s | %s |%n".formatted(label, number(goal.measured()), goal.goal(),
                goal.met() ? "yes" : "**no**"));
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
