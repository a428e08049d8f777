package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import dev.switchboard.testing.ApiClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks and chains through the gateway of the whole platform: a run whose receiver fails once
 * then accepts, and a chain of three tools declared on the tools themselves, each calling a real
 * local API through the executor. The signature is checked with the key the standalone made.
 */
class WebhooksEndToEndIT {

    static Path dataDir;

    private static Standalone standalone;
    private static StandaloneOptions options;
    private static TargetApi target;
    private static HttpServer receiver;
    private static final List<Map.Entry<Map<String, List<String>>, byte[]>> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger(1);
    private static String alice;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        target = new TargetApi();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            RECEIVED.add(Map.entry(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            boolean fail = "for=hooked".equals(exchange.getRequestURI().getQuery()) && FAILURES_LEFT.getAndDecrement() > 0;
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        SharedStandalone shared = SharedStandalone.get();
        dataDir = shared.dataDir;
        options = shared.options;
        standalone = shared.standalone;
        String admin = SwitchboardCommand.token(new TokenOptions("ops", List.of("admin"), dataDir,
                Duration.ofMinutes(30)));
        alice = SwitchboardCommand.token(new TokenOptions("alice", List.of("user"), dataDir, Duration.ofMinutes(30)));
        created(post("/api/v1/connectors", admin, """
                {"namespace": "hooks", "name": "target", "type": "http", "baseUrl": "%s",
                 "operations": [{"name": "list_items", "method": "GET", "path": "/items"}]}"""
                .formatted(target.baseUrl())));
        created(post("/api/v1/tools", admin, hop("hooked", null)));
        created(post("/api/v1/tools", admin, hop("first", "tool:second")));
        created(post("/api/v1/tools", admin, hop("second", "tool:third")));
        created(post("/api/v1/tools", admin, hop("third", hook())));
    }

    @AfterAll
    static void stop() {
        // the standalone is shared (SharedStandalone): it stops when the test JVM does
        if (target != null) {
            target.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** A tool that lists the items and counts the hops it is: its output is the next one's inputs. */
    private static String hop(String id, String webhookUrl) {
        return """
                {"id": "%s", "steps": [{"id": "items", "connector": "hooks/target", "operation": "list_items"}],
                 "outputTransform": "(sourceData) => ({hops: (sourceData.hops || 0) + 1, items: sourceData.items.data.length})"
                 %s}""".formatted(id, webhookUrl == null ? "" : ", \"defaultOptions\": {\"webhookUrl\": \"" + webhookUrl
                + "\"}");
    }

    private static String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void aWebhookIsRetriedSignedAndShownOnTheRun() throws Exception {
        HttpResponse<String> accepted = post("/api/v1/tools/hooked/run", alice,
                "{\"options\": {\"async\": true, \"webhookUrl\": \"" + hook() + "?for=hooked\"}}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String runId = JSON.readTree(accepted.body()).get("runId").asString();

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(
                view(runId).path("webhook").path("status").asString(null)));
        JsonNode webhook = view(runId).get("webhook");
        assertThat(webhook.get("attempts").findValues("httpStatus")).extracting(JsonNode::asInt)
                .containsExactly(503, 204);
        var delivered = RECEIVED.stream().filter(r -> runId.equals(header(r.getKey(), "X-Switchboard-Run-Id")))
                .toList();
        assertThat(delivered).hasSize(2);
        Path key = dataDir.resolve("webhook-signing.key");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        String secret = Files.readString(key).strip();
        for (var post : delivered) {
            assertThat(header(post.getKey(), "X-Switchboard-Signature")).isEqualTo(sign(post.getValue(), secret));
            assertThat(header(post.getKey(), "Idempotency-Key")).isEqualTo(runId + ":webhook");
        }
        JsonNode body = JSON.readTree(delivered.getFirst().getValue());
        assertThat(body.get("status").asString()).isEqualTo("success");
        assertThat(body.get("data").get("items").asInt()).isEqualTo(6);
        assertThat(get("/api/v1/runs/" + runId, alice).body()).doesNotContain(secret);
    }

    @Test
    void aChainOfThreeToolsDeclaredOnTheToolsRunsToItsWebhook() throws Exception {
        HttpResponse<String> accepted = post("/api/v1/tools/first/run", alice, "{\"options\": {\"async\": true}}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String first = JSON.readTree(accepted.body()).get("runId").asString();

        await().atMost(Duration.ofSeconds(60)).until(() -> RECEIVED.stream().anyMatch(r -> "third".equals(
                JSON.readTree(r.getValue()).path("toolId").asString(null))));
        JsonNode end = JSON.readTree(RECEIVED.stream().filter(r -> "third".equals(JSON.readTree(r.getValue())
                .path("toolId").asString(null))).findFirst().orElseThrow().getValue());
        assertThat(end.get("data").get("hops").asInt()).isEqualTo(3);
        String second = view(first).get("childRunIds").get(0).asString();
        JsonNode secondRun = view(second);
        assertThat(secondRun.get("toolId").asString()).isEqualTo("second");
        assertThat(secondRun.get("parentRunId").asString()).isEqualTo(first);
        String third = secondRun.get("childRunIds").get(0).asString();
        assertThat(view(third).get("parentRunId").asString()).isEqualTo(second);
        assertThat(view(third).get("metadata").get("trigger").get("type").asString()).isEqualTo("CHAIN");
        assertThat(end.get("runId").asString()).isEqualTo(third);
        // listed by trigger type too
        JsonNode chained = JSON.readTree(get("/api/v1/runs?triggerType=CHAIN", alice).body());
        assertThat(chained.get("data").findValuesAsString("runId")).contains(second, third);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    private static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static JsonNode view(String runId) throws Exception {
        HttpResponse<String> response = get("/api/v1/runs/" + runId, alice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static HttpResponse<String> post(String path, String token, String body) {
        return new ApiClient(options.port()).post(path, token, body);
    }

    private static HttpResponse<String> get(String path, String token) {
        return new ApiClient(options.port()).get(path, token);
    }
}
