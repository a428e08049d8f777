package dev.switchboard.bench.fault;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault run ({@code ./switchboard bench --faults}, issue 10 item 2): starts the platform as
 * separate processes on loopback, and for each scenario (kill -9 the orchestrator, kill -9 the
 * executor, restart the broker, the target answering 503 for 10 s) sends runs with webhooks, strikes
 * while they are in flight, and reports runs lost, duplicate calls and webhooks delivered. JSON to
 * {@code --out}, a Markdown table to stdout, progress to stderr. Exit 0 when every scenario lost
 * nothing, repeated only calls in flight and delivered every webhook; 1 otherwise; 2 on bad usage.
 */
public final class FaultBench {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FaultBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * The fault run without leaving the JVM, for {@code ./switchboard bench --faults}: returns the
     * exit code (0 passed, 1 a scenario failed, 2 bad usage).
     */
    public static int run(String[] args) throws IOException, InterruptedException {
        FaultOptions options;
        try {
            options = FaultOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("faults: " + e.getMessage());
            System.err.print(FaultOptions.USAGE);
            return 2;
        }
        Path dataDir = Files.createTempDirectory("switchboard-faults");
        List<ScenarioReport> reports = run(options, dataDir);
        Files.writeString(options.out(), JSON.writeValueAsString(document(options, reports)));
        boolean passed = reports.stream().allMatch(ScenarioReport::passed);
        if (passed) {
            deleteRecursively(dataDir);
        } else {
            ScenarioRun.progress("the platform's logs are kept in %s", dataDir.resolve("logs"));
        }
        System.out.print(markdown(reports));
        ScenarioRun.progress("results in %s", options.out().toAbsolutePath());
        return passed ? 0 : 1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static List<ScenarioReport> run(FaultOptions options, Path dataDir) throws IOException, InterruptedException {
        ScenarioRun.progress("starting the platform as separate processes (data %s)", dataDir);
        SeparateLauncher launcher = new SeparateLauncher(options.standaloneDir(), dataDir);
        // Ctrl-C stops the platform's processes too, not only this one
        Thread stopPlatform = new Thread(launcher::close, "faults-stop-platform");
        Runtime.getRuntime().addShutdownHook(stopPlatform);
        try (TargetApi target = new TargetApi(); SeparateLauncher platform = launcher.start()) {
            ScenarioRun.progress("platform up on port %d", platform.gatewayPort());
            String secret = Files.readString(dataDir.resolve("webhook-signing.key")).strip();
            try (WebhookReceiver hooks = new WebhookReceiver(secret)) {
                Gateway gateway = new Gateway(platform.gatewayPort(), platform.adminToken());
                setUp(gateway, target);
                List<ScenarioReport> reports = new ArrayList<>();
                for (Fault fault : options.faults()) {
                    reports.add(new ScenarioRun(fault, options.runs(), platform, gateway, target, hooks).run());
                }
                return reports;
            }
        }
    }

    /** A connector on the target API and a 3-step tool (4 calls, one step looped over 2 items). */
    private static void setUp(Gateway gateway, TargetApi target) {
        gateway.create("/api/v1/connectors", """
                {"namespace": "faults", "name": "target", "type": "http", "baseUrl": "%s",
                 "retry": {"maxAttempts": 6, "backoffMs": 500},
                 "operations": [{"name": "get_item", "method": "GET", "path": "/items/{id}",
                   "parameters": {"type": "object", "properties": {
                     "id": {"type": "integer", "in": "path"}, "delayMs": {"type": "integer", "in": "query"}}}}]}
                """.formatted(target.baseUrl()));
        gateway.create("/api/v1/tools", """
                {"id": "%s", "steps": [
                  {"id": "a", "connector": "faults/target", "operation": "get_item",
                   "parameters": {"id": 1, "delayMs": 100}},
                  {"id": "b", "connector": "faults/target", "operation": "get_item",
                   "dataSelector": "(sourceData) => [{id: 2}, {id: 3}]",
                   "parameters": {"id": "<<currentItem.id>>", "delayMs": 100}},
                  {"id": "c", "connector": "faults/target", "operation": "get_item",
                   "parameters": {"id": 4, "delayMs": 100}}]}
                """.formatted(ScenarioRun.TOOL));
    }

    static Map<String, Object> document(FaultOptions options, List<ScenarioReport> reports) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", Instant.now().toString());
        document.put("commit", System.getProperty("switchboard.commit", "unknown"));
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("memoryBytes", ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize());
        document.put("runsPerScenario", options.runs());
        document.put("passed", reports.stream().allMatch(ScenarioReport::passed));
        document.put("scenarios", reports);
        return document;
    }

    static String markdown(List<ScenarioReport> reports) {
        var out = new java.io.ByteArrayOutputStream();
        try (PrintStream table = new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
            table.println("| scenario | accepted | finished | lost | target calls | duplicates (unexplained) "
                    + "| idempotent | webhooks | recovery |");
            table.println("|---|---|---|---|---|---|---|---|---|");
            for (ScenarioReport r : reports) {
                String finished = r.finishedByStatus().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", "));
                if (!r.errorsByCode().isEmpty()) {
                    finished += r.errorsByCode().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ", " (", ")"));
                }
                table.printf("| %s | %d | %s | %d | %d | %d (%d) | %s | %d/%d | %.1f s |%n", r.scenario(),
                        r.runsAccepted(), finished, r.runsLost(), r.targetCalls(), r.duplicateCalls(),
                        r.unexplainedDuplicates(), r.idempotentDuplicates() ? "yes" : "NO", r.webhooksDelivered(),
                        r.webhooksExpected(), r.recoverySeconds());
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
