package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * ARCHITECTURE §7: killing the orchestrator (kill -9, a separate process) while 50 async runs are
 * in flight loses none of them. When a new orchestrator process comes up, every run finishes, and
 * no step call is repeated except ones in flight at the kill, which carry the same
 * Idempotency-Key.
 */
class OrchestratorKillIT {

    private static final int RUNS = 50;
    private static final int CALLS_PER_RUN = 4;
    private static final int MAX_OPEN_CALLS_PER_RUN = 2;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void everyRunInFlightAtAKillFinishesAndNoCallIsRepeatedBeyondThoseInFlight() throws Exception {
        int port = StandaloneIT.freePortRange();
        StandaloneOptions options = StandaloneOptions.parse(List.of("--port", String.valueOf(port), "--data-dir",
                dataDir.toString()));
        List<Process> processes = new ArrayList<>();
        try (TargetApi target = new TargetApi();
                Standalone standalone = new Standalone().start(options,
                        Path.of(System.getProperty("switchboard.services.dir")))) {
            String admin = SwitchboardCommand.token(new TokenOptions("ops", List.of("admin"), dataDir,
                    Duration.ofHours(1)));
            assertThat(send(port, "POST", "/api/v1/connectors", admin, """
                    {"namespace": "fault", "name": "target", "type": "http", "baseUrl": "%s",
                     "operations": [{"name": "get_item", "method": "GET", "path": "/items/{id}",
                       "parameters": {"type": "object", "properties": {
                         "id": {"type": "integer", "in": "path"}, "delayMs": {"type": "integer", "in": "query"}}}}]}
                    """.formatted(target.baseUrl())).statusCode()).isEqualTo(201);
            assertThat(send(port, "POST", "/api/v1/tools", admin, """
                    {"id": "three-steps", "steps": [
                      {"id": "a", "connector": "fault/target", "operation": "get_item",
                       "parameters": {"id": 1, "delayMs": 150}},
                      {"id": "b", "connector": "fault/target", "operation": "get_item",
                       "dataSelector": "(sourceData) => [{id: 2}, {id: 4}]",
                       "parameters": {"id": "<<currentItem.id>>", "delayMs": 150}},
                      {"id": "c", "connector": "fault/target", "operation": "get_item",
                       "parameters": {"id": 5, "delayMs": 150}}]}
                    """).statusCode()).isEqualTo(201);

            List<String> arguments = standalone.handOver("run-orchestrator");
            Process first = orchestratorProcess(arguments, "first");
            processes.add(first);
            awaitOrchestrator(port, admin);

            for (int i = 0; i < RUNS; i++) {
                HttpResponse<String> accepted = send(port, "POST", "/api/v1/tools/three-steps/run", admin,
                        "{\"runId\": \"fault-" + i + "\", \"options\": {\"async\": true}}");
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> target.totalCalls() >= RUNS);
            first.destroyForcibly().waitFor();
            int callsAtKill = target.totalCalls();

            processes.add(orchestratorProcess(arguments, "second"));
            awaitOrchestrator(port, admin);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (int i = 0; i < RUNS; i++) {
                    String status = JSON.readTree(send(port, "GET", "/api/v1/runs/fault-" + i, admin, null).body())
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
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static Process orchestratorProcess(List<String> arguments, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-jar", Path.of(System.getProperty("switchboard.services.dir"), "run-orchestrator.jar")
                        .toString()));
        command.addAll(arguments);
        File log = Path.of("target", "orchestrator-" + name + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void awaitOrchestrator(int port, String token) {
        // what the last poll saw, so a timeout says why (a rare CI failure gave nothing to go on)
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>("no answer");
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try {
                    HttpResponse<String> response = send(port, "GET", "/api/v1/runs?limit=1", token, null);
                    last.set(response.statusCode() + " " + response.body());
                    return response.statusCode() == 200;
                } catch (Exception e) {
                    last.set(e.toString());
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the orchestrator did not answer GET /runs within 90 s; last: " + last.get(), e);
        }
    }

    private static HttpResponse<String> send(int port, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
