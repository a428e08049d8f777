package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.testing.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every metric a Grafana dashboard or a Prometheus rule names is exported by some service, once
 * the platform has run a tool (one step through a connector that fails once and is retried, and a
 * webhook). Also the ops commands' terminal tables against the same platform.
 */
class MetricNamesIT {

    /** PromQL words that are not metric names. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static SharedStandalone shared;
    private static HttpServer target;
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    private static final AtomicInteger HOOKS = new AtomicInteger();
    private static String admin;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void runATool() throws Exception {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/flaky", exchange -> {
            // the first call fails, so the executor retries and the retry counter exists
            boolean fail = FLAKY_CALLS.getAndIncrement() == 0;
            byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 503 : 200, fail ? -1 : body.length);
            if (!fail) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        target.createContext("/hook", exchange -> {
            HOOKS.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
        shared = SharedStandalone.get();
        admin = SwitchboardCommand.token(new TokenOptions("metrics", List.of("admin"), shared.dataDir,
                Duration.ofMinutes(30)));
        String base = "http://127.0.0.1:" + target.getAddress().getPort();
        assertThat(api().post("/api/v1/connectors", admin, """
                {"namespace": "metrics", "name": "flaky", "type": "http", "baseUrl": "%s",
                 "retry": {"maxAttempts": 3, "backoffMs": 10}, "rateLimit": {"perSecond": 50},
                 "operations": [{"name": "get", "method": "GET", "path": "/flaky"}]}""".formatted(base))
                .statusCode()).isEqualTo(201);
        assertThat(api().post("/api/v1/tools", admin, """
                {"id": "metrics-flaky", "steps": [{"id": "get", "connector": "metrics/flaky", "operation": "get"}]}""")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> run = api().post("/api/v1/tools/metrics-flaky/run", admin,
                "{\"options\": {\"webhookUrl\": \"" + base + "/hook\"}}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(JSON.readTree(run.body()).get("status").asString()).isEqualTo("success");
        await().atMost(Duration.ofSeconds(30)).until(() -> HOOKS.get() >= 1);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.stop(0);
        }
    }

    private static ApiClient api() {
        return new ApiClient(shared.port());
    }

    @Test
    void everyMetricADashboardOrAlertNamesIsExported() throws Exception {
        Set<String> used = usedMetricNames();
        assertThat(used).contains("switchboard_runs_total", "switchboard_step_duration_seconds_bucket",
                "switchboard_kafka_consumer_lag_records", "switchboard_dlt_depth_records",
                "resilience4j_circuitbreaker_state", "jvm_memory_used_bytes");
        PortLayout ports = shared.options.ports();
        List<Integer> services = List.of(ports.gateway(), ports.registry(), ports.secrets(), ports.orchestrator(),
                ports.executor());
        // the lag and active-run gauges are refreshed every 15 s: wait for a reading that has them
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (int port : services) {
                exported.addAll(exportedNames(new ApiClient(port).get("/actuator/prometheus", null).body()));
            }
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(exported);
            assertThat(missing).as("named in deploy/grafana or deploy/prometheus but exported by no service")
                    .isEmpty();
        });
    }

    @Test
    void theMetricNameReaderFindsNamesAndSkipsFunctionsLabelsAndKeywords() {
        assertThat(metricNames("sum by (status, le) (rate(a_total{outcome!=\"success\", x=~\"y|z\"}[5m])) "
                + "/ ignoring(outcome) group_left sum(b_seconds_count) > 0.05 and max(c) offset 5m"))
                .containsExactlyInAnyOrder("a_total", "b_seconds_count", "c");
        assertThat(exportedNames("# HELP x_total help\n# TYPE x_total counter\nx_total{a=\"b\"} 1.0\ny 2\n"))
                .containsExactlyInAnyOrder("x_total", "y");
    }

    @Test
    void theTopicsAndDltCommandsPrintTablesFromTheOpsApi() {
        OpsOptions options = OpsOptions.parse(List.of("--url", "http://127.0.0.1:" + shared.port(),
                "--data-dir", shared.dataDir.toString()), null, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new OpsCommand().topics(options, new PrintStream(out, true), new PrintStream(err, true));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("TOPIC").contains("PARTITIONS", "GROUP", "LAG");
        assertThat(table).contains("switchboard.steps.requested").contains("step-executor")
                .contains("switchboard.runs.requested.DLT");
        assertThat(table).doesNotContain("\u001b[");

        ByteArrayOutputStream dlts = new ByteArrayOutputStream();
        assertThat(new OpsCommand().deadLetters(options, new PrintStream(dlts, true), System.err)).isZero();
        assertThat(dlts.toString(StandardCharsets.UTF_8)).startsWith("DLT").contains("switchboard.steps.requested.DLT");

        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        OpsOptions unknown = OpsOptions.parse(List.of("no-such-topic", "--url", "http://127.0.0.1:" + shared.port(),
                "--data-dir", shared.dataDir.toString()), null, false);
        assertThat(new OpsCommand().deadLetters(unknown, System.out, new PrintStream(refused, true))).isEqualTo(1);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("404").contains("no-such-topic");

        OpsOptions user = OpsOptions.parse(List.of("--url", "http://127.0.0.1:" + shared.port(), "--token",
                SwitchboardCommand.token(new TokenOptions("bob", List.of("user"), shared.dataDir,
                        Duration.ofMinutes(5)))), null, false);
        ByteArrayOutputStream forbidden = new ByteArrayOutputStream();
        assertThat(new OpsCommand().topics(user, System.out, new PrintStream(forbidden, true))).isEqualTo(1);
        assertThat(forbidden.toString(StandardCharsets.UTF_8)).contains("403");
    }

    private static Set<String> usedMetricNames() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> expressions = new ArrayList<>();
        try (var dashboards = Files.list(root.resolve("deploy/grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                JSON.readTree(dashboard.toFile()).findValues("expr").forEach(e -> expressions.add(e.asString()));
            }
        }
        JsonNode rules = YAMLMapper.builder().build().readTree(root.resolve("deploy/prometheus/alerts.yml").toFile());
        rules.findValues("expr").forEach(e -> expressions.add(e.asString()));
        assertThat(expressions).hasSizeGreaterThan(20);
        Set<String> names = new TreeSet<>();
        expressions.forEach(e -> names.addAll(metricNames(e)));
        return names;
    }

    /** The metric names in a PromQL expression: identifiers that are not functions, labels or keywords. */
    static Set<String> metricNames(String expression) {
        String text = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String word = identifier.group();
            int after = identifier.end();
            while (after < text.length() && text.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < text.length() && text.charAt(after) == '(';
            boolean number = identifier.start() > 0 && Character.isDigit(text.charAt(identifier.start() - 1));
            if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            Matcher name = IDENTIFIER.matcher(line);
            if (name.lookingAt()) {
                names.add(name.group());
            }
        });
        return names;
    }
}
