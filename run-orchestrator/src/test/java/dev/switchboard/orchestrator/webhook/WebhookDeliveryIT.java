package dev.switchboard.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.RunStatus;
import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.orchestrator.webhook.WebhookReceiver.Answer;
import dev.switchboard.orchestrator.webhook.WebhookReceiver.Received;
import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks and chains against a real broker, a real Mongo wire server and real local receivers.
 * Private egress is off, with only 127.0.0.1 allowed: the receiver there is reachable, one on
 * 127.0.0.2 (loopback too) must be refused without a request reaching it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class WebhookDeliveryIT {

    static final String SECRET = "it-signing-secret-" + UUID.randomUUID();
    /** TestKafka makes every topic with 3 partitions. */
    private static final int TEST_KAFKA_PARTITIONS = 3;
    private static final TestMongo MONGO = new TestMongo();
    private static final TestKafka KAFKA = new TestKafka();
    private static final byte[] KEY = TestTokens.randomKey();
    private static final WebhookReceiver RECEIVER = new WebhookReceiver("127.0.0.1");
    private static final WebhookReceiver PRIVATE = new WebhookReceiver("127.0.0.2");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri() + "/runs");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
        registry.add("switchboard.webhooks.signing-secret", () -> SECRET);
        registry.add("switchboard.webhooks.backoff", () -> "50ms");
        registry.add("switchboard.webhooks.poll-every", () -> "50ms");
        registry.add("switchboard.egress.allow-private", () -> "false");
        registry.add("switchboard.egress.allowed-addresses", () -> "127.0.0.1/32");
    }

    @BeforeAll
    static void tools() {
        try (RegistryFixture registry = new RegistryFixture(KAFKA.bootstrapServers())) {
            for (String id : List.of("a", "b", "c", "solo")) {
                registry.counter(id, null);
            }
            registry.counter("declared-first", "{\"webhookUrl\": \"tool:declared-second\"}");
            registry.counter("declared-second", "{\"webhookUrl\": \"" + RECEIVER.url("/declared") + "\"}");
            registry.counter("x", "{\"webhookUrl\": \"tool:y\"}");
            registry.counter("y", "{\"webhookUrl\": \"tool:x\"}");
            for (int i = 0; i <= 11; i++) {
                registry.counter("t" + i, i == 10 ? "{\"webhookUrl\": \"tool:t11\"}" : null);
            }
            // fails every run: its output never matches its outputSchema
            registry.tool("""
                    {"id": "fails", "steps": [], "outputSchema": {"type": "object", "required": ["never"]},
                     "outputTransform": "(sourceData) => ({n: sourceData.n + 1})"}""");
        }
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
        PRIVATE.close();
        MONGO.close();
        KAFKA.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    RegistryView registry;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.tool("fails").isPresent());
        // the webhook group starts from the latest offset: runs finished before it joined are not its own
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("webhooks"), TEST_KAFKA_PARTITIONS);
    }

    @Test
    void aReceiverThatFailsTwiceGetsAThirdAttemptAllSignedWithOneIdempotencyKey(CapturedOutput output)
            throws Exception {
        RECEIVER.script("/flaky", Answer.status(503), Answer.status(500));

        String runId = run("solo", 41, Map.of("webhookUrl", RECEIVER.url("/flaky")));

        JsonNode webhook = awaitWebhook(runId, "delivered");
        assertThat(webhook.get("url").asString()).isEqualTo(RECEIVER.url("/flaky"));
        assertThat(webhook.get("attempts").findValues("httpStatus")).extracting(JsonNode::asInt)
                .containsExactly(503, 500, 200);
        assertThat(webhook.get("attempts").get(2).get("durationMs").asLong()).isNotNegative();
        List<Received> posts = RECEIVER.at("/flaky");
        assertThat(posts).hasSize(3);
        for (Received post : posts) {
            assertThat(post.header("Idempotency-Key")).isEqualTo(runId + ":webhook");
            assertThat(post.header("X-Switchboard-Run-Id")).isEqualTo(runId);
            assertThat(post.header("Content-Type")).startsWith("application/json");
            assertThat(post.header("X-Switchboard-Signature")).isEqualTo(sign(post.body()));
        }
        assertThat(posts).extracting(Received::text).containsOnly(posts.getFirst().text());
        JsonNode body = JSON.readTree(posts.getFirst().body());
        assertThat(body.get("runId").asString()).isEqualTo(runId);
        assertThat(body.get("toolId").asString()).isEqualTo("solo");
        assertThat(body.get("status").asString()).isEqualTo("success");
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("data").get("n").asInt()).isEqualTo(42);
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(Instant.parse(body.get("finishedAt").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(meters.counter("switchboard.webhook.deliveries", "kind", "http", "outcome", "retry").count())
                .isGreaterThanOrEqualTo(2);
        assertThat(meters.find("switchboard.webhook.delivery.latency").timer().count()).isPositive();
        // the secret is in no log line, no stored delivery and no answer
        assertThat(output.getAll()).doesNotContain(SECRET);
        assertThat(mongo.getCollection("webhook_deliveries").find().into(new java.util.ArrayList<>()).toString())
                .doesNotContain(SECRET);
        assertThat(get("/api/v1/runs/" + runId).body()).doesNotContain(SECRET);
    }

    @Test
    void aSignatureMadeWithAnotherSecretDoesNotVerify() throws Exception {
        String runId = run("solo", 1, Map.of("webhookUrl", RECEIVER.url("/verify")));
        awaitWebhook(runId, "delivered");

        Received post = RECEIVER.at("/verify").getFirst();
        assertThat(post.header("X-Switchboard-Signature")).isEqualTo(sign(post.body()))
                .isNotEqualTo(sign(post.body(), "another-secret-of-some-length"))
                .isNotEqualTo(sign((post.text() + " ").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        RECEIVER.script("/busy", new Answer(429, Map.of("Retry-After", "1"), null));

        String runId = run("solo", 1, Map.of("webhookUrl", RECEIVER.url("/busy")));

        JsonNode attempts = awaitWebhook(runId, "delivered").get("attempts");
        assertThat(attempts.findValues("httpStatus")).extracting(JsonNode::asInt).containsExactly(429, 200);
        // the backoff alone would be 50 ms here: the second attempt waited for the receiver's second
        assertThat(Duration.between(Instant.parse(attempts.get(0).get("at").asString()),
                Instant.parse(attempts.get(1).get("at").asString()))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aClientErrorOtherThan429IsNotRetried() throws Exception {
        RECEIVER.script("/gone", Answer.status(404));

        String runId = run("solo", 1, Map.of("webhookUrl", RECEIVER.url("/gone")));

        JsonNode webhook = awaitWebhook(runId, "failed");
        assertThat(webhook.get("attempts")).hasSize(1);
        assertThat(webhook.get("reason").asString()).contains("HTTP 404");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> RECEIVER.at("/gone").size() == 1);
    }

    @Test
    void aReceiverThatNeverRecoversFailsAfterFiveAttempts() throws Exception {
        RECEIVER.script("/down", Answer.status(503), Answer.status(503), Answer.status(503), Answer.status(503),
                Answer.status(503), Answer.status(503));

        String runId = run("solo", 1, Map.of("webhookUrl", RECEIVER.url("/down")));

        JsonNode webhook = awaitWebhook(runId, "failed");
        assertThat(webhook.get("attempts")).hasSize(5);
        assertThat(webhook.get("reason").asString()).contains("5 attempts failed").contains("HTTP 503");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> RECEIVER.at("/down").size() == 5);
    }

    @Test
    void aPrivateTargetIsRefusedWithoutARequestReachingIt() throws Exception {
        String direct = run("solo", 1, Map.of("webhookUrl", PRIVATE.url("/internal?token=s3cr3t")));
        String metadata = run("solo", 1, Map.of("webhookUrl", "http://169.254.169.254/latest/meta-data"));

        JsonNode refused = awaitWebhook(direct, "refused");
        assertThat(refused.get("reason").asString()).contains("'127.0.0.2' is a loopback address")
                .contains("allow-private").doesNotContain("s3cr3t");
        assertThat(awaitWebhook(metadata, "refused").get("reason").asString()).contains("cloud metadata");
        assertThat(awaitWebhook(direct, "refused").get("attempts")).hasSize(1);
        assertThat(PRIVATE.received).isEmpty();
    }

    @Test
    void aChainOfThreeToolsLinksParentToChildAndTheLastRunCallsTheWebhook() throws Exception {
        String first = run("a", 0, Map.of("chain", List.of("tool:b", "tool:c"), "webhookUrl",
                RECEIVER.url("/chain-end")));

        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.at("/chain-end").size() == 1);
        JsonNode end = JSON.readTree(RECEIVER.at("/chain-end").getFirst().body());
        assertThat(end.get("toolId").asString()).isEqualTo("c");
        assertThat(end.get("data").get("n").asInt()).isEqualTo(3);

        JsonNode a = view(first);
        assertThat(a.get("webhook").get("url").asString()).isEqualTo("tool:b");
        assertThat(a.get("webhook").get("status").asString()).isEqualTo("delivered");
        assertThat(a.get("parentRunId").isNull()).isTrue();
        String second = a.get("childRunIds").get(0).asString();
        JsonNode b = view(second);
        assertThat(b.get("toolId").asString()).isEqualTo("b");
        assertThat(b.get("parentRunId").asString()).isEqualTo(first);
        assertThat(b.get("metadata").get("trigger").get("type").asString()).isEqualTo("CHAIN");
        assertThat(b.get("metadata").get("trigger").get("chainDepth").asInt()).isEqualTo(1);
        assertThat(b.get("metadata").get("trigger").get("userId").asString()).isEqualTo("alice");
        String third = b.get("childRunIds").get(0).asString();
        JsonNode c = view(third);
        assertThat(c.get("parentRunId").asString()).isEqualTo(second);
        assertThat(c.get("metadata").get("trigger").get("chainDepth").asInt()).isEqualTo(2);
        assertThat(c.get("childRunIds")).isEmpty();
        assertThat(c.get("webhook").get("url").asString()).isEqualTo(RECEIVER.url("/chain-end"));
        assertThat(end.get("runId").asString()).isEqualTo(third);
    }

    @Test
    void aChainDeclaredOnTheToolsRunsWhenTheRequestGivesNone() throws Exception {
        String first = run("declared-first", 10, Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.at("/declared").size() == 1);
        JsonNode end = JSON.readTree(RECEIVER.at("/declared").getFirst().body());
        assertThat(end.get("toolId").asString()).isEqualTo("declared-second");
        assertThat(end.get("data").get("n").asInt()).isEqualTo(12);
        assertThat(view(end.get("runId").asString()).get("parentRunId").asString()).isEqualTo(first);
    }

    @Test
    void aCycleIsRefusedWithAClearReason() throws Exception {
        String first = run("x", 0, Map.of());

        JsonNode x = awaitWebhookView(first, "delivered");
        String second = x.get("childRunIds").get(0).asString();
        JsonNode y = awaitWebhookView(second, "refused");
        assertThat(y.get("webhook").get("url").asString()).isEqualTo("tool:x");
        assertThat(y.get("webhook").get("reason").asString()).contains("'x' is already in this chain (x → y → x)");
        assertThat(y.get("childRunIds")).isEmpty();
    }

    @Test
    void aToolChainedToItselfIsACycleToo() throws Exception {
        String runId = run("solo", 0, Map.of("webhookUrl", "tool:solo"));

        assertThat(awaitWebhook(runId, "refused").get("reason").asString()).contains("(solo → solo)");
    }

    @Test
    void theEleventhHopIsRefused() throws Exception {
        List<String> tenHops = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "tool:t" + i).toList();
        String first = run("t0", 0, Map.of("chain", tenHops));

        String runId = first;
        for (int hop = 1; hop <= 10; hop++) {
            runId = awaitWebhookView(runId, "delivered").get("childRunIds").get(0).asString();
            assertThat(view(runId).get("metadata").get("trigger").get("chainDepth").asInt()).isEqualTo(hop);
        }
        // t10 ends the given chain; its own default (tool:t11) would be the eleventh hop
        JsonNode last = awaitWebhookView(runId, "refused");
        assertThat(last.get("webhook").get("reason").asString()).contains("'t11' would be hop 11")
                .contains("at most 10");
    }

    @Test
    void aFailedRunEndsItsChainUnlessChainOnIsAny() throws Exception {
        String strict = run("fails", 1, Map.of("webhookUrl", "tool:solo"));
        String lenient = run("fails", 1, Map.of("webhookUrl", "tool:solo", "chainOn", "any"));

        JsonNode refused = awaitWebhookView(strict, "refused");
        assertThat(refused.get("status").asString()).isEqualTo("failed");
        assertThat(refused.get("webhook").get("reason").asString())
                .isEqualTo("not chained: the run failed and chainOn is success");
        assertThat(refused.get("childRunIds")).isEmpty();
        JsonNode chained = awaitWebhookView(lenient, "delivered");
        JsonNode child = view(chained.get("childRunIds").get(0).asString());
        assertThat(child.get("toolId").asString()).isEqualTo("solo");
        await().atMost(Duration.ofSeconds(10)).until(() -> "success".equals(
                view(chained.get("childRunIds").get(0).asString()).get("status").asString()));
        // the failed run's output (which broke its outputSchema) was the child's inputs
        assertThat(view(chained.get("childRunIds").get(0).asString()).get("data").get("n").asInt()).isEqualTo(3);
    }

    @Test
    void aFailedRunInAChainWithAFinalUrlReportsThereWhereTheChainStopped() throws Exception {
        String runId = run("fails", 1, Map.of("chain", List.of("tool:solo"), "webhookUrl",
                RECEIVER.url("/stopped")));

        JsonNode webhook = awaitWebhook(runId, "delivered");
        assertThat(webhook.get("url").asString()).isEqualTo(RECEIVER.url("/stopped"));
        JsonNode body = JSON.readTree(RECEIVER.at("/stopped").getFirst().body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo("OUTPUT_SCHEMA_VIOLATION");
    }

    @Test
    void aRedeliveredRunFinishedPostsNothingTwiceAndDoesNotHoldUpTheOthersOfItsBatch() throws Exception {
        String runId = run("solo", 1, Map.of("webhookUrl", RECEIVER.url("/once")));
        awaitWebhook(runId, "delivered");
        RunFinished again = new RunFinished(UUID.randomUUID(), Instant.now(), null, runId, "solo", RunStatus.SUCCESS,
                JSON.readTree("{\"n\": 2}"), null, Instant.now(), Instant.now(), Trigger.api("alice"),
                RECEIVER.url("/once"));
        RunFinished fresh = new RunFinished(UUID.randomUUID(), Instant.now(), null, "other-" + UUID.randomUUID(),
                "solo", RunStatus.SUCCESS, JSON.readTree("{\"n\": 3}"), null, Instant.now(), Instant.now(),
                Trigger.api("alice"), RECEIVER.url("/fresh"));

        try (RegistryFixture producer = new RegistryFixture(KAFKA.bootstrapServers())) {
            // one key: one partition, so most likely one poll of the webhook consumer
            producer.send(Topics.RUNS_FINISHED, runId, again);
            producer.send(Topics.RUNS_FINISHED, runId, fresh);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.at("/fresh").size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> RECEIVER.at("/once").size() == 1);
        assertThat(JSON.readTree(RECEIVER.at("/fresh").getFirst().body()).get("data").get("n").asInt()).isEqualTo(3);
        assertThat(awaitWebhook(runId, "delivered").get("attempts")).hasSize(1);
    }

    @Test
    void aRunWithoutWebhookHasNoWebhookSection() throws Exception {
        String runId = run("solo", 1, Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> "success".equals(view(runId).get("status").asString()));
        assertThat(view(runId).get("webhook").isNull()).isTrue();
        assertThat(view(runId).get("childRunIds")).isEmpty();
    }

    @Test
    void badWebhookOptionsAreRefusedNamingTheField() {
        HttpResponse<String> response = api().post("/api/v1/tools/solo/run", token(), """
                {"inputs": {"n": 1}, "options": {"webhookUrl": "ftp://x", "chain": ["https://y"], "chainOn": "no"}}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("options.webhookUrl", "options.chain[0]", "options.chainOn");
    }

    private String run(String toolId, int n, Map<String, Object> options) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(options);
        all.put("async", true);
        HttpResponse<String> response = api().post("/api/v1/tools/" + toolId + "/run", token(),
                JSON.writeValueAsString(Map.of("inputs", Map.of("n", n), "options", all)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("runId").asString();
    }

    private JsonNode awaitWebhook(String runId, String status) {
        return awaitWebhookView(runId, status).get("webhook");
    }

    private JsonNode awaitWebhookView(String runId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode webhook = view(runId).get("webhook");
            return webhook != null && status.equals(webhook.path("status").asString(null));
        });
        return view(runId);
    }

    private JsonNode view(String runId) {
        HttpResponse<String> response = get("/api/v1/runs/" + runId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) {
        return api().get(path, token());
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static String token() {
        return TestTokens.mint(KEY, "alice", "user");
    }

    static String sign(byte[] body) throws Exception {
        return sign(body, SECRET);
    }

    static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
