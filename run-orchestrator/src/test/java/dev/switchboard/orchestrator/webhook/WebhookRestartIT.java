package dev.switchboard.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.orchestrator.RunOrchestratorApplication;
import dev.switchboard.orchestrator.webhook.WebhookReceiver.Answer;
import dev.switchboard.orchestrator.webhook.WebhookReceiver.Received;
import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator stops after a run finished and before its webhook got through; a new one on
 * the same broker and store delivers it, with the same Idempotency-Key as the attempts before.
 */
class WebhookRestartIT {

    /** TestKafka makes every topic with 3 partitions. */
    private static final int TEST_KAFKA_PARTITIONS = 3;
    private static final TestMongo MONGO = new TestMongo();
    private static final TestKafka KAFKA = new TestKafka();
    private static final byte[] KEY = TestTokens.randomKey();
    private static final String SECRET = "restart-signing-secret-0123456789";
    private static final WebhookReceiver RECEIVER = new WebhookReceiver("127.0.0.1");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConfigurableApplicationContext orchestrator;

    @BeforeAll
    static void tools() {
        try (RegistryFixture registry = new RegistryFixture(KAFKA.bootstrapServers())) {
            registry.counter("solo", null);
        }
    }

    @AfterEach
    void stopOrchestrator() {
        if (orchestrator != null) {
            orchestrator.close();
        }
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
        MONGO.close();
        KAFKA.close();
    }

    @Test
    void aDeliveryInFlightWhenTheOrchestratorStopsIsMadeByTheNextOne() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        RECEIVER.script("/held", new Answer(200, Map.of(), never));
        orchestrator = start();

        String runId = run("/held");
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.at("/held").size() == 1);
        // stopped with the first attempt still waiting for its answer (8 s allowed): nothing is recorded of it,
        // and the next orchestrator takes the delivery over once its lease (10 s) has run out
        orchestrator.close();
        never.countDown();
        orchestrator = start();

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(webhook(runId).path("status")
                .asString(null)));
        List<Received> posts = RECEIVER.at("/held");
        assertThat(posts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(posts).extracting(p -> p.header("Idempotency-Key")).containsOnly(runId + ":webhook");
        assertThat(posts).extracting(Received::text).containsOnly(posts.getFirst().text());
        assertThat(webhook(runId).get("attempts")).hasSize(1);
    }

    @Test
    void aDeliveryWaitingToBeRetriedWhenTheOrchestratorStopsIsRetriedByTheNextOne() throws Exception {
        RECEIVER.script("/later", Answer.status(503), new Answer(503, Map.of("Retry-After", "3"), null));
        orchestrator = start();

        String runId = run("/later");
        await().atMost(Duration.ofSeconds(20)).until(() -> webhook(runId).path("attempts").size() == 2);
        orchestrator.close();
        orchestrator = start();

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(webhook(runId).path("status")
                .asString(null)));
        assertThat(webhook(runId).get("attempts").findValues("httpStatus")).extracting(JsonNode::asInt)
                .containsExactly(503, 503, 200);
        assertThat(RECEIVER.at("/later")).extracting(p -> p.header("Idempotency-Key"))
                .containsExactly(runId + ":webhook", runId + ":webhook", runId + ":webhook");
    }

    private static ConfigurableApplicationContext start() {
        // arguments, not default properties: those would lose to application.yml
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RunOrchestratorApplication.class).run(
                "--server.port=0",
                "--spring.mongodb.uri=" + MONGO.uri() + "/runs",
                "--spring.kafka.bootstrap-servers=" + KAFKA.bootstrapServers(),
                "--switchboard.security.jwt.hmac-key=" + TestTokens.base64(KEY),
                "--switchboard.webhooks.signing-secret=" + SECRET,
                "--switchboard.webhooks.backoff=50ms",
                "--switchboard.webhooks.poll-every=50ms",
                "--switchboard.webhooks.connect-timeout=500ms",
                "--switchboard.webhooks.response-timeout=8s",
                "--switchboard.webhooks.lease=10s",
                "--switchboard.egress.allow-private=true");
        await().atMost(Duration.ofSeconds(30)).until(() -> context.getBean(
                dev.switchboard.contracts.registry.RegistryView.class).tool("solo").isPresent());
        ContainerTestUtils.waitForAssignment(context.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("webhooks"), TEST_KAFKA_PARTITIONS);
        return context;
    }

    private String run(String path) {
        HttpResponse<String> response = api().post("/api/v1/tools/solo/run", token(), JSON.writeValueAsString(
                Map.of("inputs", Map.of("n", 1), "options", Map.of("async", true, "webhookUrl", RECEIVER.url(path)))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("runId").asString();
    }

    private JsonNode webhook(String runId) {
        return JSON.readTree(api().get("/api/v1/runs/" + runId, token()).body()).path("webhook");
    }

    private ApiClient api() {
        return new ApiClient(((WebServerApplicationContext) orchestrator).getWebServer().getPort());
    }

    private static String token() {
        return TestTokens.mint(KEY, "alice", "user");
    }
}
