package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.ApiClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * ARCHITECTURE §7: killing the orchestrator (kill -9, a separate process) while 50 async runs are
 * in flight loses none of them. When a new orchestrator process comes up, every run finishes, and
 * no step call is repeated except ones in flight at the kill, which carry the same
 * Idempotency-Key. The platform is shared with ApprovalIT (SeparateOrchestratorPlatform).
 */
class OrchestratorKillIT {

    private static final int RUNS = 50;
    private static final int CALLS_PER_RUN = 4;
    private static final int MAX_OPEN_CALLS_PER_RUN = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyRunInFlightAtAKillFinishesAndNoCallIsRepeatedBeyondThoseInFlight() throws Exception {
        SeparateOrchestratorPlatform platform = SeparateOrchestratorPlatform.get();
        ApiClient api = new ApiClient(platform.port());
        try (TargetApi target = new TargetApi()) {
            String admin = platform.token("ops", "admin");
            assertThat(api.post("/api/v1/connectors", admin, """
                    {"namespace": "fault", "name": "target", "type": "http", "baseUrl": "%s",
                     "operations": [{"name": "get_item", "method": "GET", "path": "/items/{id}",
                       "parameters": {"type": "object", "properties": {
                         "id": {"type": "integer", "in": "path"}, "delayMs": {"type": "integer", "in": "query"}}}}]}
                    """.formatted(target.baseUrl())).statusCode()).isEqualTo(201);
            assertThat(api.post("/api/v1/tools", admin, """
                    {"id": "three-steps", "steps": [
                      {"id": "a", "connector": "fault/target", "operation": "get_item",
                       "parameters": {"id": 1, "delayMs": 150}},
                      {"id": "b", "connector": "fault/target", "operation": "get_item",
                       "dataSelector": "(sourceData) => [{id: 2}, {id: 4}]",
                       "parameters": {"id": "<<currentItem.id>>", "delayMs": 150}},
                      {"id": "c", "connector": "fault/target", "operation": "get_item",
                       "parameters": {"id": 5, "delayMs": 150}}]}
                    """).statusCode()).isEqualTo(201);

            for (int i = 0; i < RUNS; i++) {
                HttpResponse<String> accepted = api.post("/api/v1/tools/three-steps/run", admin,
                        "{\"runId\": \"fault-" + i + "\", \"options\": {\"async\": true}}");
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> target.totalCalls() >= RUNS);
            platform.killOrchestrator();
            int callsAtKill = target.totalCalls();

            platform.startOrchestrator("after-kill");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (int i = 0; i < RUNS; i++) {
                    String status = JSON.readTree(api.get("/api/v1/runs/fault-" + i, admin).body())
                            .path("status").asString("");
                    if (!status.equals("success")) {
                        return false;
                    }
                }
                return true;
            });

            Map<String, Long> byKey = target.headers.stream()
                    .map(h -> h.getOrDefault("Idempotency-key", List.of("none")).getFirst())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            List<String> repeated = byKey.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            assertThat(byKey).doesNotContainKey("none");
            assertThat(byKey).hasSize(RUNS * CALLS_PER_RUN);
            // a repeat is a call the dead process had requested and not yet seen complete, repeated once:
            // a run has at most its widest step's items open at a time (step b: 2)
            assertThat(repeated).allMatch(key -> byKey.get(key) == 2);
            assertThat(repeated.size()).isLessThanOrEqualTo(RUNS * MAX_OPEN_CALLS_PER_RUN);
            System.out.printf("kill -9 with %d of %d calls made: %d call(s) repeated, all with their key%n",
                    callsAtKill, RUNS * CALLS_PER_RUN, repeated.size());
        }
    }
}
