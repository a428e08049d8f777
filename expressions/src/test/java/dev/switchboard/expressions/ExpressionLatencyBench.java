package dev.switchboard.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Expression evaluation on a pooled context in steady state: four rounds of 50,000 calls of a
 * dataSelector-sized function, each printed, so the JIT's warm-up is visible and the last round is
 * the figure. Asserts no time. Not part of {@code verify} (the name matches no test pattern): run
 * it with {@code bench/expressions.sh}.
 */
class ExpressionLatencyBench {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pooledContextInSteadyState() {
        JsonNode sourceData = json.readTree("""
                {"team": "core", "users": {"data": [{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bob"}],
                 "success": true}}""");
        JavaScriptSandbox sandbox = new JavaScriptSandbox();
        for (int round = 1; round <= 4; round++) {
            long[] nanos = new long[50_000];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                JsonNode ids = sandbox.call("(sourceData) => sourceData.users.data.map(u => u.id)", sourceData);
                nanos[i] = System.nanoTime() - start;
                assertThat(ids.size()).isEqualTo(2);
            }
            Arrays.sort(nanos);
            System.out.printf("expression round %d: p50 %.1f us, p99 %.1f us (n=%d)%n", round,
                    nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3, nanos.length);
        }
    }
}
