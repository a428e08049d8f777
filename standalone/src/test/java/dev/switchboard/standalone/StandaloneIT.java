package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole standalone as a user runs it: embedded broker and store, every service in its own
 * class loader, the gateway in front. Only the public door is used, with tokens from
 * {@code switchboard token}.
 */
class StandaloneIT {

    private static Path dataDir;
    private static StandaloneOptions options;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The shared standalone (default options, as a user runs it): it stops when the test JVM does. */
    @BeforeAll
    static void start() throws Exception {
        SharedStandalone shared = SharedStandalone.get();
        dataDir = shared.dataDir;
        options = shared.options;
    }

    @Test
    void anAdminTokenListsConnectorsThroughTheGateway() throws Exception {
        HttpResponse<String> response = get("/api/v1/connectors", token("alice", "admin"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().replace(" ", "")).startsWith("{\"data\":[").contains("\"page\":1,\"limit\":20,");
        assertThat(response.headers().firstValue("X-Trace-Id")).isPresent();
    }

    @Test
    void everyServiceAnswersThroughTheGateway() throws Exception {
        String token = token("bob", "user");
        for (String path : List.of("/api/v1/connectors", "/api/v1/secrets", "/api/v1/runs", "/api/v1/executions")) {
            assertThat(get(path, token).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void noTokenOrAForeignKeyIsRefusedWithProblemJson() throws Exception {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String forged = new TokenMinter(otherKey).mint("mallory", List.of("admin"), Duration.ofMinutes(5));

        for (String token : new String[] {null, forged}) {
            HttpResponse<String> response = get("/api/v1/connectors", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401");
        }
    }

    @Test
    void healthListsEveryServiceKafkaAndMongoAsUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JsonMapper.builder().build().readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        for (String component : List.of("registry", "secrets", "orchestrator", "executor", "kafka", "mongo")) {
            assertThat(health.get("components").get(component).get("status").asString()).as(component)
                    .isEqualTo("UP");
        }
    }

    @Test
    void topicsExistWithTheirPartitionCounts() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + options.ports().kafka()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    Topics.all().stream().map(Topics.TopicSpec::name).toList()).allTopicNames().get();
            for (Topics.TopicSpec spec : Topics.all()) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
        }
    }

    @Test
    void applyFromTheCommandLineCreatesThenReportsUnchanged(@TempDir Path tmp) throws Exception {
        Path example = Path.of("..", "examples", "jsonplaceholder.yaml");
        List<String> flags = List.of("-f", example.toString(), "--url", "http://127.0.0.1:" + options.port(),
                "--data-dir", dataDir.toString());

        String first = applied(flags, 0);
        String second = applied(flags, 0);
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), "tools:\n  - id: x\n    steps:\n"
                + "      - {id: a, connector: demo/none, operation: y}\n");
        String refused = applied(List.of("-f", broken.toString(), "--url", "http://127.0.0.1:" + options.port(),
                "--data-dir", dataDir.toString()), 1);

        // the tool's JavaScript was checked by GraalJS inside the registry's own class loader
        assertThat(first).contains("created   connector demo/jsonplaceholder").contains("created   tool      posts-per-user");
        assertThat(second).contains("unchanged connector demo/jsonplaceholder");
        assertThat(refused).contains("tool:x steps[0].connector: no connector 'demo/none'");
        assertThat(get("/api/v1/connectors/demo/jsonplaceholder", token("alice", "user")).statusCode()).isEqualTo(200);
    }

    @Test
    void registryEndpointsAnswerThroughTheGateway() throws Exception {
        applied(List.of("-f", Path.of("..", "examples", "slack.yaml").toString(), "--url",
                "http://127.0.0.1:" + options.port(), "--data-dir", dataDir.toString()), 0);
        String user = token("carol", "user");

        HttpResponse<String> tools = get("/api/v1/agents/slack/announcer/tools?format=mcp", user);
        HttpResponse<String> tool = get("/api/v1/tools/slack-all-channels", user);
        HttpResponse<String> huge = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + options.port() + "/api/v1/connectors"))
                .header("Authorization", "Bearer " + user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\": \"" + "x".repeat(6 * 1024 * 1024)
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(tools.statusCode()).isEqualTo(200);
        assertThat(tools.body()).contains("connector__slack__api__post_message").doesNotContain("\"channel\"");
        assertThat(tool.statusCode()).isEqualTo(200);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static String applied(List<String> flags, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new ApplyCommand().run(ApplyOptions.parse(flags, null), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    private static String token(String subject, String role) {
        return SwitchboardCommand.token(new TokenOptions(subject, List.of(role), dataDir, Duration.ofMinutes(10)));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + options.port() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A gateway port whose whole layout (gateway .. gateway + SPAN) is free right now. */
    static int freePortRange() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (PortLayout.from(base).named(true, true).values().stream().allMatch(StandaloneIT::free)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
