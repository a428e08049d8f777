package dev.switchboard.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The list endpoint against a real Mongo wire protocol server, through real HTTP and JWT checks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunListIT {

    private static final TestMongo MONGO = new TestMongo();
    private static final TestKafka KAFKA = new TestKafka();
    private static final byte[] KEY = TestTokens.randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri() + "/runs");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void clean() {
        mongo.dropCollection(RunDocument.class);
    }

    private static RunDocument run(String runId, String toolId, String status, String triggerType, String chatId,
            Instant startedAt) {
        RunDocument run = new RunDocument();
        run.setRunId(runId);
        run.setToolId(toolId);
        run.setStatus(status);
        run.setTriggerType(triggerType);
        run.setChatId(chatId);
        run.setStartedAt(startedAt);
        run.setUserId("alice");
        run.setDeadline(startedAt.plusSeconds(3600));
        run.setLastProgressAt(Instant.now());
        return run;
    }

    @Test
    void listsRunsNewestFirstWithFiltersUnderBothNames() throws Exception {
        Instant now = Instant.now();
        mongo.insert(run("r1", "sync-users", "success", "API", null, now.minusSeconds(30)));
        mongo.insert(run("r2", "sync-users", "failed", "AGENT", "chat-9", now.minusSeconds(20)));
        mongo.insert(run("r3", "other", "running", "AGENT", "chat-9", now.minusSeconds(10)));

        JsonNode all = json.readTree(get("/api/v1/runs", token(KEY, "alice")).body());
        assertThat(all.get("data").findValuesAsString("runId")).containsExactly("r3", "r2", "r1");

        JsonNode byTool = json.readTree(get("/api/v1/runs?toolId=sync-users&status=failed", token(KEY, "alice"))
                .body());
        assertThat(byTool.get("data").findValuesAsString("runId")).containsExactly("r2");

        JsonNode seedNames = json.readTree(get("/api/v1/executions?chat_id=chat-9&trigger_type=AGENT",
                token(KEY, "alice")).body());
        assertThat(seedNames.get("data").findValuesAsString("runId")).containsExactly("r3", "r2");
        assertThat(seedNames.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void sinceAndUntilBoundTheStartTime() throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        mongo.insert(run("early", "sync-users", "success", "API", null, now.minusSeconds(3600)));
        mongo.insert(run("middle", "sync-users", "success", "API", null, now));
        mongo.insert(run("late", "sync-users", "success", "API", null, now.plusSeconds(3600)));

        JsonNode window = json.readTree(get("/api/v1/runs?since=2026-11-30T12:00:00Z&until=2026-11-30T13:00:00Z",
                token(KEY, "alice")).body());
        assertThat(window.get("data").findValuesAsString("runId")).containsExactly("middle");
        JsonNode from = json.readTree(get("/api/v1/runs?since=2026-11-30T11:59:59Z", token(KEY, "alice")).body());
        assertThat(from.get("data").findValuesAsString("runId")).containsExactly("late", "middle");

        HttpResponse<String> bad = get("/api/v1/runs?since=yesterday", token(KEY, "alice"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors").get(0).get("field").asString()).isEqualTo("since");
        assertThat(bad.body()).doesNotContain("Exception");
    }

    @Test
    void unknownStatusIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = get("/api/v1/runs?status=done", token(KEY, "alice"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("status");
    }

    @Test
    void refusesMissingTokens() throws Exception {
        assertThat(get("/api/v1/runs", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/executions", token(TestTokens.randomKey(), "mallory")).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String token) {
        return new ApiClient(port).get(path, token);
    }

    @Test
    void peopleSeeOnlyTheirOwnRunsAndAdminsSeeAll() throws Exception {
        Instant now = Instant.now();
        mongo.insert(run("mine", "sync-users", "success", "API", null, now.minusSeconds(2)));
        RunDocument bobs = run("bobs", "sync-users", "success", "API", null, now.minusSeconds(1));
        bobs.setUserId("bob");
        mongo.insert(bobs);

        JsonNode alices = json.readTree(get("/api/v1/runs", token(KEY, "alice")).body());
        JsonNode admins = json.readTree(get("/api/v1/runs", TestTokens.mint(KEY, "root", "admin")).body());

        assertThat(alices.get("data").findValuesAsString("runId")).containsExactly("mine");
        assertThat(admins.get("data").findValuesAsString("runId")).containsExactly("bobs", "mine");
        assertThat(get("/api/v1/runs/bobs", token(KEY, "alice")).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/runs/bobs", token(KEY, "bob")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/executions/bobs", TestTokens.mint(KEY, "root", "admin")).statusCode()).isEqualTo(200);
    }

    /** What the bad-input sweep (standalone PublicApiFuzzIT) found answered 500 or untyped. */
    @Test
    void malformedRequestsAreTypedProblemsNot500s() throws Exception {
        mongo.insert(run("r1", "sync-users", "running", "API", null, Instant.now()));
        ApiClient api = new ApiClient(port);
        String alice = token(KEY, "alice");

        HttpResponse<String> notUtf8 = get("/api/v1/executions?chat_id=%ED%A0%80", alice);
        HttpResponse<String> wildcard = api.send("POST", "/api/v1/runs/r1/abort", alice, "*/*", "{}", Map.of());
        HttpResponse<String> notJson = api.send("POST", "/api/v1/runs/r1/continue", alice, "application/json", "{",
                Map.of());
        HttpResponse<String> missing = get("/api/v1/runs/nothing-here", alice);
        // the reason rides in a RunAbortRequested: 1.5 MB of it outgrew the broker's record limit
        HttpResponse<String> longReason = api.send("POST", "/api/v1/runs/r1/abort", alice, "application/json",
                "{\"reason\": \"" + "x".repeat(RunController.MAX_REASON_CHARS + 1) + "\"}", Map.of());

        assertProblem(notUtf8, 400, "validation");
        assertThat(json.readTree(notUtf8.body()).at("/errors/0/field").asString()).isEqualTo("query");
        assertProblem(wildcard, 415, "unsupported-media-type");
        assertProblem(notJson, 400, "validation");
        assertThat(json.readTree(notJson.body()).at("/errors/0/field").asString()).isEqualTo("body");
        assertProblem(missing, 404, "not-found");
        assertProblem(longReason, 400, "validation");
        assertThat(json.readTree(longReason.body()).at("/errors/0/field").asString()).isEqualTo("reason");
        assertThat(mongo.findById("r1", RunDocument.class).getStatus()).isEqualTo("running");
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://switchboard.dev/problems/" + type);
        assertThat(problem.path("title").isString()).isTrue();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    private static String token(byte[] key, String subject) {
        return TestTokens.mint(key, subject, "user");
    }
}
