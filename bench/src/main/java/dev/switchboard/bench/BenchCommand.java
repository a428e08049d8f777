package dev.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./switchboard bench}: starts a standalone (or targets {@code --url}), serves a target API
 * on loopback, and measures, side by side in one run: per-step overhead against direct calls,
 * sustainable 3-step throughput with flat lag, a looped step against its sequential sum,
 * expression evaluation (JMH), and Mongo writes and Kafka records per step. Writes the JSON
 * results and prints a Markdown table; progress goes to stderr.
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("switchboard.root", ".")).toAbsolutePath().normalize();
        if (options.faults()) {
            // the fault harness finds the standalone and names the commit from these
            System.setProperty("switchboard.commit", GitCommit.of(root));
            if (System.getProperty("switchboard.standalone.dir") == null) {
                System.setProperty("switchboard.standalone.dir", root.resolve("standalone/target").toString());
            }
            System.exit(dev.switchboard.bench.fault.FaultBench.run(options.passOn().toArray(String[]::new)));
            return;
        }
        BenchProfile profile = options.quick() ? BenchProfile.quick() : BenchProfile.full();
        Progress progress = new Progress();
        BenchResults results;
        try (TargetApi target = new TargetApi(profile.itemDelayMs())) {
            if (options.url() != null) {
                results = measure(Platform.onStandalonePorts(options.url(), options.token()), target, profile, options,
                        root, progress);
            } else {
                progress.say("starting a standalone on port %d (a fresh data directory)", options.port());
                try (StandaloneProcess standalone = StandaloneProcess.start(root, options.port())) {
                    progress.say("standalone is up");
                    results = measure(standalone.platform(options.port()), target, profile, options, root, progress);
                    progress.say("stopping the standalone");
                }
            }
        }
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(options.out(), json.writeValueAsString(results) + "\n");
        System.out.println(MarkdownReport.of(results));
        progress.say("results written to %s", options.out().toAbsolutePath());
    }

    private static BenchResults measure(Platform platform, TargetApi target, BenchProfile profile, BenchOptions options,
            Path root, Progress progress) throws Exception {
        GatewayClient client = new GatewayClient(platform.gateway(), platform.token());
        MetricsReader metrics = new MetricsReader(client, platform);
        BenchTools.define(client, target.baseUrl(), profile.loopItems(), profile.loopConcurrency());

        StepOverheadBench overhead = new StepOverheadBench(client, target);
        progress.say("warming up (discarded): %d s of sync 1-step runs, then async 3-step runs, then loops",
                profile.warmUpSeconds());
        overhead.measure(profile.overheadRate(), profile.warmUpSeconds(), progress);
        if (metrics.available()) {
            new ThroughputBench(client, metrics).ramp(List.of(new BenchProfile.RateStep(30,
                    Math.max(10, profile.warmUpSeconds() / 2))), progress);
        }
        new LoopBench(client).measure(profile.loopItems(), profile.loopConcurrency());
        progress.say("step overhead: measuring %d s at %d/s", profile.overheadSeconds(), profile.overheadRate());
        StepOverheadBench.Result step = overhead.measure(profile.overheadRate(), profile.overheadSeconds(), progress);
        progress.say("  overhead p50 %.2f ms, p99 %.2f ms", step.stepOverheadMs().p50(), step.stepOverheadMs().p99());

        List<ThroughputBench.Rung> rungs = List.of();
        if (metrics.available()) {
            rungs = new ThroughputBench(client, metrics).ramp(profile.throughputSteps(), progress);
        } else {
            progress.say("throughput: skipped (the services' metrics are not reachable from here)");
        }

        progress.say("loop: %d items at concurrency %d, %d ms each", profile.loopItems(), profile.loopConcurrency(),
                profile.itemDelayMs());
        LoopBench.Result loop = new LoopBench(client).measure(profile.loopItems(), profile.loopConcurrency());

        progress.say("expressions: JMH, %d × 1 s iterations after twice as many warm-up ones", profile.jmhIterations());
        ExpressionBench.Result expressions = ExpressionBench.measure(profile.jmhIterations());

        return assemble(options, profile, root, step, rungs, loop, expressions);
    }

    static BenchResults assemble(BenchOptions options, BenchProfile profile, Path root, StepOverheadBench.Result step,
            List<ThroughputBench.Rung> rungs, LoopBench.Result loop, ExpressionBench.Result expressions) {
        ThroughputBench.Rung best = null;
        for (ThroughputBench.Rung rung : rungs) {
            if (rung.sustained()) {
                best = rung;
            }
        }
        ThroughputBench.Rung counted = rungs.isEmpty() ? null : rungs.get(0);
        Double throughput = best == null ? null : best.finishedPerSecond();
        Double writesPerStep = null;
        Double recordsPerStep = null;
        if (counted != null && counted.finished() > 0) {
            double steps = (double) counted.finished() * ThroughputBench.STEPS_PER_RUN;
            writesPerStep = Percentiles.round(counted.counters().mongoWrites() / steps);
            recordsPerStep = Percentiles.round(counted.counters().kafkaRecords() / steps);
        }
        var targets = new BenchResults.Targets(
                BenchResults.Goal.atMost("≤ 10", step.stepOverheadMs().p50(), 10),
                BenchResults.Goal.atMost("≤ 40", step.stepOverheadMs().p99(), 40),
                BenchResults.Goal.atLeast("≥ 50 (stretch 100)", throughput, 50),
                BenchResults.Goal.atLeast("≥ 5× faster", loop.speedup(), 5),
                BenchResults.Goal.atMost("≤ 50", expressions.p50(), 50));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var machine = new BenchResults.Machine(Runtime.getRuntime().availableProcessors(),
                Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024) * 10) / 10.0,
                Runtime.version().toString());
        return new BenchResults(GitCommit.of(root), LocalDate.now(ZoneOffset.UTC).toString(),
                options.quick() ? "quick" : "full", machine, step.directMs(), step.runMs(), step.stepOverheadMs(),
                step.errors(), step.ratePerSecond(), throughput, best != null && best.lagFlat(), rungs, loop,
                new BenchResults.Micros(expressions.p50(), expressions.p99()),
                new BenchResults.Micros(expressions.coldContextP50(), expressions.coldContextP99()), writesPerStep,
                recordsPerStep, targets);
    }
}
