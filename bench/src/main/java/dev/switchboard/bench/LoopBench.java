package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A looped step over many items against a target with a fixed latency: the run's wall time beside
 * the sum of its items' own durations, i.e. what the same calls would take one after another. One
 * looped run lasts half a second, so a single one said more about the collector's mood than about
 * the engine: the result is the run with the median speed-up of {@link #RUNS}.
 */
final class LoopBench {

    /** What the looped run took, and what its items would have taken in sequence. */
    record Result(int items, int concurrency, long wallMs, long sequentialMs, double speedup, int failedItems) {
    }

    static final int RUNS = 5;

    private final GatewayClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    LoopBench(GatewayClient client) {
        this.client = client;
    }

    Result measure(int items, int concurrency) throws Exception {
        run(); // the first one pays for cold paths (template compilation, connection set-up)
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            results.add(result(run(), items, concurrency));
        }
        results.sort(Comparator.comparingDouble(Result::speedup));
        return results.get(RUNS / 2);
    }

    private static Result result(JsonNode run, int items, int concurrency) {
        JsonNode step = run.path("stepResults").path(0);
        long sequential = 0;
        int failed = 0;
        for (JsonNode item : step.path("items")) {
            sequential += item.path("durationMs").asLong();
            if (!item.path("success").asBoolean()) {
                failed++;
            }
        }
        long wall = run.path("metadata").path("durationMs").asLong();
        if (step.path("items").size() != items) {
            throw new IllegalStateException("the looped step ran " + step.path("items").size() + " items, not " + items);
        }
        return new Result(items, concurrency, wall, sequential,
                wall == 0 ? 0 : Math.round(10.0 * sequential / wall) / 10.0, failed);
    }

    private JsonNode run() throws Exception {
        JsonNode run = json.readTree(client.expect(200, "POST", "/tools/bench-loop/run", "{}"));
        if (!"success".equals(run.path("status").asString())) {
            throw new IllegalStateException("the looped run did not succeed: " + run);
        }
        return run;
    }
}
