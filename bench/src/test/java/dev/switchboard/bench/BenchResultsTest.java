package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchResultsTest {

    private final StepOverheadBench.Result step = new StepOverheadBench.Result(20, 60,
            new Percentiles(1.0, 2.0, 3.0), new Percentiles(9.0, 20.0, 45.0), new Percentiles(8.0, 18.0, 42.0), 0);
    private final LoopBench.Result loop = new LoopBench.Result(100, 8, 400, 2400, 6.0, 0);
    private final ExpressionBench.Result expressions = new ExpressionBench.Result(12.5, 80.0, 600.0, 900.0);

    private static ThroughputBench.Rung rung(int rate, double perSecond, boolean sustained, long finished) {
        return new ThroughputBench.Rung(rate, 60, finished, finished, perSecond, 10, 12, sustained, sustained, 0, 1.0,
                new MetricsReader.Counters(finished * 4, finished * 8));
    }

    @Test
    void throughputIsTheLastSustainedRungAndPerStepCountsComeFromTheFirst() {
        BenchResults results = BenchCommand.assemble(BenchOptions.parse("--quick"), BenchProfile.quick(), Path.of("."),
                step, List.of(rung(50, 49.8, true, 3000), rung(100, 97.0, true, 6000), rung(150, 120.0, false, 8000)),
                loop, expressions);
        assertThat(results.throughputRunsPerSec()).isEqualTo(97.0);
        assertThat(results.lagFlat()).isTrue();
        assertThat(results.mongoWritesPerStep()).isEqualTo(1.33);
        assertThat(results.kafkaRecordsPerStep()).isEqualTo(2.67);
        assertThat(results.targets().stepOverheadP50().met()).isTrue();
        assertThat(results.targets().stepOverheadP99().met()).isFalse();
        assertThat(results.targets().throughput().met()).isTrue();
        assertThat(results.targets().loopSpeedup().met()).isTrue();
        assertThat(results.profile()).isEqualTo("quick");
    }

    @Test
    void noSustainedRungMeansNoThroughputFigure() {
        BenchResults results = BenchCommand.assemble(BenchOptions.parse(), BenchProfile.full(), Path.of("."), step,
                List.of(rung(50, 20.0, false, 1200)), loop, expressions);
        assertThat(results.throughputRunsPerSec()).isNull();
        assertThat(results.lagFlat()).isFalse();
        assertThat(results.targets().throughput().met()).isFalse();
        assertThat(MarkdownReport.of(results)).contains("| sustained 3-step runs/s, flat lag | n/a | ≥ 50 (stretch 100) | **no** |");
    }

    @Test
    void theJsonHasTheFieldsArchitectureNamesAndTheTableShowsThem() {
        BenchResults results = BenchCommand.assemble(BenchOptions.parse(), BenchProfile.full(), Path.of("."), step,
                List.of(rung(50, 49.8, true, 3000)), loop, expressions);
        JsonNode json = JsonMapper.builder().build().valueToTree(results);
        for (String field : List.of("commit", "date", "machine", "directMs", "runMs", "stepOverheadMs",
                "throughputRunsPerSec", "lagFlat", "loop", "expressionUs", "mongoWritesPerStep", "kafkaRecordsPerStep")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.path("machine").path("cores").asInt()).isPositive();
        assertThat(json.path("loop").path("speedup").asDouble()).isEqualTo(6.0);
        assertThat(json.path("stepOverheadMs").path("p99").asDouble()).isEqualTo(42.0);
        assertThat(MarkdownReport.of(results))
                .contains("| **per-step overhead (ms)** | 8.00 | 18.00 | 42.00 |")
                .contains("| per-step overhead p99 (ms) | 42.00 | ≤ 40 | **no** |");
    }
}
