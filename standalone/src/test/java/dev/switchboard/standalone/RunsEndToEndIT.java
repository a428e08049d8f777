package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run engine end to end, through the gateway only, against a real local HTTP API: the
 * acceptance of the run-engine issue. The orchestrator plans and sequences, the real executor
 * calls {@link TargetApi}.
 */
class RunsEndToEndIT {

    static Path dataDir;

    private static Standalone standalone;
    private static StandaloneOptions options;
    private static TargetApi target;
    private static String admin;
    private static String alice;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        target = new TargetApi();
        SharedStandalone shared = SharedStandalone.get();
        dataDir = shared.dataDir;
        options = shared.options;
        standalone = shared.standalone;
        admin = SwitchboardCommand.token(new TokenOptions("ops", List.of("admin"), dataDir, Duration.ofMinutes(30)));
        alice = SwitchboardCommand.token(new TokenOptions("alice", List.of("user"), dataDir, Duration.ofMinutes(30)));
        created(post("/api/v1/connectors", admin, """
                {"namespace": "test", "name": "target", "type": "http", "baseUrl": "%s",
                 "operations": [
                   {"name": "list_items", "method": "GET", "path": "/items"},
                   {"name": "get_item", "method": "GET", "path": "/items/{id}",
                    "parameters": {"type": "object", "required": ["id"],
                                   "properties": {"id": {"type": "integer", "in": "path"}}}},
                   {"name": "slow", "method": "GET", "path": "/slow"}]}""".formatted(target.baseUrl())));
        created(post("/api/v1/connectors", admin, """
                {"namespace": "test", "name": "as-caller", "type": "http", "baseUrl": "%s",
                 "auth": {"type": "forward_token", "header": "Authorization"},
                 "operations": [{"name": "get_item", "method": "GET", "path": "/items/{id}",
                    "parameters": {"type": "object", "properties": {"id": {"type": "integer", "in": "path"}}}}]}"""
                .formatted(target.baseUrl())));
        created(post("/api/v1/tools", admin, """
                {"id": "as-caller", "steps": [{"id": "one", "connector": "test/as-caller", "operation": "get_item",
                  "parameters": {"id": 11}}]}"""));
        created(post("/api/v1/tools", admin, listAndFetch("list-and-fetch", "continue")));
        created(post("/api/v1/tools", admin, listAndFetch("list-and-fetch-strict", "fail")));
        created(post("/api/v1/tools", admin, """
                {"id": "slow", "steps": [{"id": "wait", "connector": "test/target", "operation": "slow"}]}"""));
        created(post("/api/v1/tools", admin, """
                {"id": "unresolved", "steps": [{"id": "one", "connector": "test/target", "operation": "get_item",
                  "parameters": {"id": "<<nothing.here>>"}}]}"""));
        created(post("/api/v1/tools", admin, """
                {"id": "wrong-parameter", "steps": [{"id": "one", "connector": "test/target", "operation": "get_item",
                  "parameters": {"id": "<<word>>"}}]}"""));
        created(post("/api/v1/tools", admin, """
                {"id": "shaped", "outputSchema": {"type": "object", "required": ["count"],
                  "properties": {"count": {"type": "string"}}},
                 "steps": [{"id": "items", "connector": "test/target", "operation": "list_items"}],
                 "outputTransform": "(sourceData) => ({count: sourceData.items.data.length})"}"""));
        created(post("/api/v1/tools", admin, """
                {"id": "none-selected", "steps": [
                  {"id": "items", "connector": "test/target", "operation": "list_items"},
                  {"id": "details", "connector": "test/target", "operation": "get_item",
                   "dataSelector": "(sourceData) => sourceData.items.data.filter(i => i.id > 100)",
                   "parameters": {"id": "<<currentItem.id>>"}}]}"""));
    }

    @AfterAll
    static void stop() {
        // the standalone is shared (SharedStandalone): it stops when the test JVM does
        if (target != null) {
            target.close();
        }
    }

    private static String listAndFetch(String id, String failureBehavior) {
        return """
                {"id": "%s",
                 "inputSchema": {"type": "object", "required": ["limit"],
                                 "properties": {"limit": {"type": "integer", "minimum": 1}}},
                 "steps": [
                   {"id": "items", "connector": "test/target", "operation": "list_items"},
                   {"id": "details", "connector": "test/target", "operation": "get_item",
                    "dataSelector": "(sourceData) => sourceData.items.data.slice(0, sourceData.limit)",
                    "parameters": {"id": "<<currentItem.id>>"}, "failureBehavior": "%s"}],
                 "outputTransform": "(sourceData) => ({names: sourceData.details.filter(d => d.success).map(d => d.data.name), failed: sourceData.details.filter(d => !d.success).length})"}
                """.formatted(id, failureBehavior);
    }

    @Test
    void aSyncRunLoopsContinuesPastA404AndShapesItsOutput() throws Exception {
        int before = target.totalCalls();
        HttpResponse<String> response = post("/api/v1/tools/list-and-fetch/run", alice, "{\"inputs\": {\"limit\": 5}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(response.body());
        assertThat(run.get("status").asString()).isEqualTo("success");
        assertThat(strings(run.get("data").get("names"))) // order of items, not of completion
                .containsExactly("item 1", "item 2", "item 4", "item 5");
        assertThat(run.get("data").get("failed").asInt()).isEqualTo(1);
        JsonNode details = run.get("stepResults").get(1);
        assertThat(details.get("stepId").asString()).isEqualTo("details");
        assertThat(details.get("items")).hasSize(5);
        JsonNode missing = details.get("items").get(2);
        assertThat(missing.get("success").asBoolean()).isFalse();
        assertThat(missing.get("error").get("httpStatus").asInt()).isEqualTo(404);
        assertThat(missing.get("currentItem").get("id").asInt()).isEqualTo(3);
        // what the item sent, templates filled in: the failed one asked for item 3
        assertThat(missing.at("/request/connector").asString()).isEqualTo("test/target");
        assertThat(missing.at("/request/operation").asString()).isEqualTo("get_item");
        assertThat(missing.at("/request/method").asString()).isEqualTo("GET");
        assertThat(missing.at("/request/path").asString()).isEqualTo("/items/3");
        assertThat(run.get("metadata").get("trigger").get("userId").asString()).isEqualTo("alice");
        assertThat(target.totalCalls() - before).isEqualTo(6);
    }

    @Test
    void withFailureBehaviorFailTheRunFailsNamingTheStepAndItem() throws Exception {
        JsonNode run = JSON.readTree(post("/api/v1/tools/list-and-fetch-strict/run", alice,
                "{\"inputs\": {\"limit\": 5}}").body());

        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("HTTP_ERROR");
        assertThat(run.get("error").get("stepId").asString()).isEqualTo("details");
        assertThat(run.get("error").get("itemIndex").asInt()).isEqualTo(2);
    }

    @Test
    void anAsyncRunAnswers202AtOnceAndReachesSuccessAndItsRunIdCannotBeReused() throws Exception {
        String runId = "async-" + UUID.randomUUID();
        HttpResponse<String> accepted = post("/api/v1/tools/list-and-fetch/run", alice,
                "{\"runId\": \"" + runId + "\", \"inputs\": {\"limit\": 2}, \"options\": {\"async\": true}}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).get("status").asString()).isEqualTo("running");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/runs/" + runId);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                JSON.readTree(get("/api/v1/runs/" + runId, alice).body()).get("status").asString().equals("success"));
        assertThat(strings(JSON.readTree(get("/api/v1/executions/" + runId, alice).body()).get("data").get("names"))).containsExactly("item 1", "item 2");

        HttpResponse<String> reused = post("/api/v1/tools/list-and-fetch/run", alice,
                "{\"runId\": \"" + runId + "\", \"inputs\": {\"limit\": 2}}");
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> badInput = post("/api/v1/tools/list-and-fetch/run", alice, "{\"inputs\": {\"limit\": 0}}");
        HttpResponse<String> missing = post("/api/v1/tools/list-and-fetch/run", alice, "{\"inputs\": {}}");
        HttpResponse<String> badOptions = post("/api/v1/tools/list-and-fetch/run", alice,
                "{\"inputs\": {\"limit\": 1}, \"options\": {\"async\": \"yes\", \"timeoutMs\": -1}, \"extra\": 1}");
        HttpResponse<String> noTool = post("/api/v1/tools/no-such-tool/run", alice, "{}");
        HttpResponse<String> noRun = get("/api/v1/runs/no-such-run", alice);

        assertThat(badInput.statusCode()).isEqualTo(400);
        assertThat(badInput.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fields(badInput)).contains("inputs.limit");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("limit");
        assertThat(fields(badOptions)).contains("options.async", "options.timeoutMs", "extra");
        assertThat(noTool.statusCode()).isEqualTo(404);
        assertThat(noRun.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnresolvedTemplateFailsTheRunNamingThePathAndSendsNothing() throws Exception {
        int before = target.totalCalls();
        JsonNode run = JSON.readTree(post("/api/v1/tools/unresolved/run", alice, "{}").body());

        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("TEMPLATE_UNRESOLVED");
        assertThat(run.get("error").get("message").asString()).contains("nothing.here");
        assertThat(target.totalCalls()).isEqualTo(before);
    }

    @Test
    void aParameterThatRendersAgainstItsSchemaFailsTheRunNamingItAndSendsNothing() throws Exception {
        int before = target.totalCalls();
        JsonNode run = JSON.readTree(post("/api/v1/tools/wrong-parameter/run", alice,
                "{\"inputs\": {\"word\": \"abc\"}}").body());

        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("INVALID_PARAMETERS");
        assertThat(run.get("error").get("message").asString()).contains("parameters.id");
        assertThat(target.totalCalls()).isEqualTo(before);
    }

    @Test
    void anOutputSchemaViolationFailsTheRunListingIt() throws Exception {
        JsonNode run = JSON.readTree(post("/api/v1/tools/shaped/run", alice, "{}").body());

        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("OUTPUT_SCHEMA_VIOLATION");
        assertThat(run.get("error").get("message").asString()).contains("count");
    }

    @Test
    void anEmptyDataSelectorSucceedsWithZeroCalls() throws Exception {
        int before = target.calls("/items/1");
        JsonNode run = JSON.readTree(post("/api/v1/tools/none-selected/run", alice, "{}").body());

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("success");
        JsonNode details = run.get("stepResults").get(1);
        assertThat(details.get("status").asString()).isEqualTo("success");
        assertThat(details.get("items")).isEmpty();
        assertThat(run.get("data").get("details")).isEmpty();
        assertThat(target.calls("/items/1")).isEqualTo(before);
    }

    @Test
    void anAbortEndsARunDuringASlowCallWithinTwoSecondsAndCancelsTheCall() throws Exception {
        String runId = "abort-" + UUID.randomUUID();
        int cancelledBefore = target.slowCancelled.get();
        int slowBefore = target.calls("/slow");
        post("/api/v1/tools/slow/run", alice, "{\"runId\": \"" + runId + "\", \"options\": {\"async\": true}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> target.calls("/slow") > slowBefore);

        long asked = System.nanoTime();
        HttpResponse<String> aborted = post("/api/v1/runs/" + runId + "/abort", alice, "{\"reason\": \"test\"}");
        await().atMost(Duration.ofSeconds(2)).until(() ->
                JSON.readTree(get("/api/v1/runs/" + runId, alice).body()).get("status").asString().equals("aborted"));
        long tookMs = Duration.ofNanos(System.nanoTime() - asked).toMillis();

        assertThat(aborted.statusCode()).as(aborted.body()).isIn(200, 202);
        assertThat(tookMs).isLessThan(2000);
        await().atMost(Duration.ofSeconds(5)).until(() -> target.slowCancelled.get() > cancelledBefore);
        HttpResponse<String> again = post("/api/v1/runs/" + runId + "/abort", alice, "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        HttpResponse<String> foreign = post("/api/v1/runs/" + runId + "/abort",
                SwitchboardCommand.token(new TokenOptions("mallory", List.of("user"), dataDir, Duration.ofMinutes(5))),
                "{}");
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    @Test
    void aRunPastItsTimeoutFailsWithTimeoutAndItsCallIsCutOff() throws Exception {
        int cancelledBefore = target.slowCancelled.get();
        long started = System.nanoTime();
        HttpResponse<String> response = post("/api/v1/tools/slow/run", alice, "{\"options\": {\"timeoutMs\": 1500}}");
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        JsonNode run = JSON.readTree(response.body());
        assertThat(run.get("status").asString()).as(response.body()).isEqualTo("failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("TIMEOUT");
        assertThat(tookMs).isLessThan(1500 + 2500);
        // the executor does not let the call outlive the run (it would hold its batch for 20 s)
        await().atMost(Duration.ofSeconds(5)).until(() -> target.slowCancelled.get() > cancelledBefore);
    }

    @Test
    void runsAreListedNewestFirstWithFilters() throws Exception {
        post("/api/v1/tools/shaped/run", alice, "{}");
        JsonNode failed = JSON.readTree(get("/api/v1/runs?toolId=shaped&status=failed", alice).body());

        assertThat(failed.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(failed.get("data").get(0).get("toolId").asString()).isEqualTo("shaped");
        assertThat(failed.get("data").get(0).has("stepResults")).isFalse();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new java.util.ArrayList<>();
        array.forEach(value -> strings.add(value.asString()));
        return strings;
    }

    @Test
    void testingAnOperationRunsItNowAsTheCallerAndAnswersStatusHeadersAndBody() throws Exception {
        HttpResponse<String> found = post("/api/v1/connectors/test/target/test/get_item", alice,
                "{\"parameters\": {\"id\": 5}}");
        HttpResponse<String> missing = post("/api/v1/connectors/test/target/test/get_item", alice,
                "{\"parameters\": {\"id\": 3}}");

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode ok = JSON.readTree(found.body());
        assertThat(ok.path("success").asBoolean()).isTrue();
        assertThat(ok.path("status").asInt()).isEqualTo(200);
        assertThat(ok.path("headers").path("Content-type").asString(ok.path("headers").path("Content-Type")
                .asString())).isEqualTo("application/json");
        assertThat(ok.path("body").path("name").asString()).isEqualTo("item 5");
        assertThat(ok.path("attempts").asInt()).isEqualTo(1);
        JsonNode run = JSON.readTree(get("/api/v1/runs/" + ok.path("runId").asString(), alice).body());
        assertThat(run.path("metadata").path("trigger").path("type").asString()).isEqualTo("MANUAL");
        JsonNode notFound = JSON.readTree(missing.body());
        assertThat(notFound.path("success").asBoolean()).isFalse();
        assertThat(notFound.path("status").asInt()).isEqualTo(404);
        assertThat(notFound.path("error").path("code").asString()).isEqualTo("HTTP_ERROR");
    }

    @Test
    void testingAnOperationWithBadParametersIsRefusedAndCallsNothing() throws Exception {
        int before = target.totalCalls();
        HttpResponse<String> wrongType = post("/api/v1/connectors/test/target/test/get_item", alice,
                "{\"parameters\": {\"id\": \"five\"}, \"extra\": true}");
        HttpResponse<String> required = post("/api/v1/connectors/test/target/test/get_item", alice, "{}");
        HttpResponse<String> noOperation = post("/api/v1/connectors/test/target/test/nope", alice, "{}");
        HttpResponse<String> noConnector = post("/api/v1/connectors/test/nope/test/get_item", alice, "{}");

        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fields(wrongType)).contains("parameters.id", "extra");
        assertThat(required.statusCode()).isEqualTo(400);
        assertThat(required.body()).contains("id");
        assertThat(noOperation.statusCode()).isEqualTo(404);
        assertThat(noConnector.statusCode()).isEqualTo(404);
        assertThat(target.totalCalls()).isEqualTo(before);
    }

    @Test
    void aForwardTokenConnectorSendsTheCallersOwnTokenThroughTheRun() throws Exception {
        HttpResponse<String> response = post("/api/v1/tools/as-caller/run", alice, "{}");

        assertThat(JSON.readTree(response.body()).path("status").asString()).as(response.body()).isEqualTo("success");
        assertThat(target.headers).anyMatch(h -> List.of("Bearer " + alice).equals(h.get("Authorization")));
    }

    private static List<String> fields(HttpResponse<String> response) {
        return JSON.readTree(response.body()).get("errors").findValuesAsString("field");
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HTTP.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }
}
