package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.ApiClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval steps (issue 8): a run pauses at one as awaiting_input, holding nothing but its stored
 * document, so it survives a kill -9 of the orchestrator (a separate process here) and goes on
 * when someone approves; a rejection fails it with REJECTED, an approval nobody decides on fails
 * it with APPROVAL_TIMEOUT, and only the run's requester or an admin may decide. The platform,
 * its orchestrator a process of its own so that it can be killed, is shared with OrchestratorKillIT.
 */
class ApprovalIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TargetApi target;
    private static SeparateOrchestratorPlatform platform;
    private static ApiClient api;
    private static String admin;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        target = new TargetApi();
        platform = SeparateOrchestratorPlatform.get();
        api = new ApiClient(platform.port());
        admin = platform.token("ops", "admin");
        alice = platform.token("alice", "user");
        bob = platform.token("bob", "user");
        assertThat(send("POST", "/api/v1/connectors", admin, """
                {"namespace": "approvals", "name": "target", "type": "http", "baseUrl": "%s",
                 "operations": [{"name": "get_item", "method": "GET", "path": "/items/{id}",
                   "parameters": {"type": "object", "required": ["id"],
                                  "properties": {"id": {"type": "integer", "in": "path"}}}}]}"""
                .formatted(target.baseUrl())).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/tools", admin, """
                {"id": "ship", "inputSchema": {"type": "object", "properties": {"count": {"type": "integer"}}},
                 "steps": [
                   {"id": "approve", "type": "approval", "message": "Ship <<count>> items?", "timeoutMs": 600000},
                   {"id": "item", "connector": "approvals/target", "operation": "get_item",
                    "parameters": {"id": "<<approve.itemId>>"}}],
                 "outputTransform": "(sourceData) => ({name: sourceData.item.data.name, by: sourceData.approve.note})"}
                """).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/tools", admin, """
                {"id": "ship-quickly", "steps": [
                   {"id": "approve", "type": "approval", "message": {"ask": "now?"}, "timeoutMs": 1500},
                   {"id": "item", "connector": "approvals/target", "operation": "get_item", "parameters": {"id": 1}}]}
                """).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        // the platform is shared (SeparateOrchestratorPlatform): it stops when the test JVM does
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aPausedRunSurvivesAKillOfTheOrchestratorAndGoesOnWhenApproved() throws Exception {
        HttpResponse<String> paused = send("POST", "/api/v1/tools/ship/run", alice,
                "{\"runId\": \"approve-1\", \"inputs\": {\"count\": 3}}");

        // a sync run hands back the paused run at once instead of waiting for a person
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(202);
        JsonNode run = JSON.readTree(paused.body());
        assertThat(run.path("status").asString()).isEqualTo("awaiting_input");
        assertThat(run.at("/approval/message").asString()).isEqualTo("Ship 3 items?");
        assertThat(run.at("/approval/stepId").asString()).isEqualTo("approve");
        assertThat(run.at("/stepResults/0/status").asString()).isEqualTo("awaiting_input");
        assertThat(target.totalCalls()).isZero();

        platform.killOrchestrator();
        platform.startOrchestrator("after-approval-kill");
        assertThat(get("approve-1", alice).path("status").asString()).isEqualTo("awaiting_input");

        HttpResponse<String> approved = send("POST", "/api/v1/runs/approve-1/continue", alice,
                "{\"approved\": true, \"input\": {\"itemId\": 2, \"note\": \"alice\"}}");

        assertThat(approved.statusCode()).as(approved.body()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("approve-1", alice).path("status").asString(),
                "success"::equals);
        JsonNode done = get("approve-1", alice);
        assertThat(done.at("/data/name").asString()).isEqualTo("item 2");
        assertThat(done.at("/data/by").asString()).isEqualTo("alice");
        assertThat(done.at("/stepResults/0/items/0/data/itemId").asInt()).isEqualTo(2);
        assertThat(done.at("/approval/approved").asBoolean()).isTrue();
        assertThat(done.at("/approval/decidedBy").asString()).isEqualTo("alice");
        assertThat(target.calls("/items/2")).isEqualTo(1);
        // decided once: a second decision is a conflict, and nothing is called again
        assertThat(send("POST", "/api/v1/runs/approve-1/continue", alice, "{\"approved\": true}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void aRejectionFailsTheRunWithRejectedAndCallsNothing() throws Exception {
        assertThat(send("POST", "/api/v1/tools/ship/run", alice,
                "{\"runId\": \"reject-1\", \"inputs\": {\"count\": 1}, \"options\": {\"async\": true}}").statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("reject-1", alice).path("status").asString(),
                "awaiting_input"::equals);
        int callsBefore = target.totalCalls();

        HttpResponse<String> rejected = send("POST", "/api/v1/runs/reject-1/continue", admin,
                "{\"approved\": false, \"input\": {\"reason\": \"not today\"}}");

        assertThat(rejected.statusCode()).as(rejected.body()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("reject-1", alice).path("status").asString(),
                "failed"::equals);
        JsonNode run = get("reject-1", alice);
        assertThat(run.at("/error/code").asString()).isEqualTo("REJECTED");
        assertThat(run.at("/error/stepId").asString()).isEqualTo("approve");
        assertThat(run.at("/error/message").asString()).contains("ops");
        assertThat(run.at("/stepResults/0/items/0/data/reason").asString()).isEqualTo("not today");
        assertThat(target.totalCalls()).isEqualTo(callsBefore);
    }

    @Test
    void onlyTheRequesterOrAnAdminMayDecideAndBadDecisionsAreRefusedChangingNothing() throws Exception {
        assertThat(send("POST", "/api/v1/tools/ship/run", alice,
                "{\"runId\": \"guarded-1\", \"inputs\": {\"count\": 1}, \"options\": {\"async\": true}}").statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("guarded-1", alice).path("status").asString(),
                "awaiting_input"::equals);

        HttpResponse<String> notHers = send("POST", "/api/v1/runs/guarded-1/continue", bob, "{\"approved\": true}");
        HttpResponse<String> noDecision = send("POST", "/api/v1/runs/guarded-1/continue", alice,
                "{\"input\": {\"itemId\": 1}, \"aproved\": true}");
        HttpResponse<String> notABoolean = send("POST", "/api/v1/runs/guarded-1/continue", alice,
                "{\"approved\": \"yes\"}");
        HttpResponse<String> noRun = send("POST", "/api/v1/runs/nope/continue", alice, "{\"approved\": true}");

        assertThat(notHers.statusCode()).isEqualTo(403);
        assertThat(noDecision.statusCode()).isEqualTo(400);
        assertThat(noDecision.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(fields(noDecision)).contains("approved", "aproved");
        assertThat(fields(notABoolean)).containsExactly("approved");
        assertThat(noRun.statusCode()).isEqualTo(404);
        JsonNode run = get("guarded-1", alice);
        assertThat(run.path("status").asString()).isEqualTo("awaiting_input");
        assertThat(run.at("/approval/decidedBy").isMissingNode() || run.at("/approval/decidedBy").isNull()).isTrue();
        // a run that is not paused cannot be continued
        assertThat(send("POST", "/api/v1/runs/guarded-1/abort", alice, null).statusCode()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("guarded-1", alice).path("status").asString(),
                "aborted"::equals);
        assertThat(send("POST", "/api/v1/runs/guarded-1/continue", alice, "{\"approved\": true}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void anApprovalNobodyDecidesOnFailsTheRunWithApprovalTimeout() throws Exception {
        HttpResponse<String> paused = send("POST", "/api/v1/tools/ship-quickly/run", alice,
                "{\"runId\": \"unanswered-1\"}");

        assertThat(JSON.readTree(paused.body()).at("/approval/message/ask").asString()).isEqualTo("now?");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("unanswered-1", alice).path("status").asString(),
                "failed"::equals);
        JsonNode run = get("unanswered-1", alice);
        assertThat(run.at("/error/code").asString()).isEqualTo("APPROVAL_TIMEOUT");
        assertThat(run.at("/error/stepId").asString()).isEqualTo("approve");
        assertThat(send("POST", "/api/v1/runs/unanswered-1/continue", alice, "{\"approved\": true}").statusCode())
                .isEqualTo(409);
    }

    private static List<String> fields(HttpResponse<String> problem) {
        List<String> fields = new ArrayList<>();
        JSON.readTree(problem.body()).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private static JsonNode get(String runId, String token) throws Exception {
        return JSON.readTree(send("GET", "/api/v1/runs/" + runId, token, null).body());
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) {
        return api.send(method, path, token, json == null ? null : "application/json", json, Map.of());
    }
}
