package dev.switchboard.contracts.kafka;

import dev.switchboard.contracts.event.AgentChanged;
import dev.switchboard.contracts.event.CallResponse;
import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.ConnectorChanged;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.RunContinued;
import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.RunOptions;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.contracts.event.RunStatus;
import dev.switchboard.contracts.event.SecretChanged;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.event.ToolChanged;
import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.event.TriggerType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One realistic sample of every event type. */
final class EventSamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private EventSamples() {
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static List<SwitchboardEvent> all() {
        Trigger agent = new Trigger(TriggerType.AGENT, "alice", "chat-1", "call_1", null, 0);
        return List.of(
                new RunRequested(UUID.randomUUID(), NOW, "trace-1", "run-1", "sync-users", 3L,
                        json("{\"team\":\"core\",\"ids\":[1,2]}"), Trigger.api("alice"),
                        new RunOptions(60_000L, "https://hooks.example.test/done", true), "c2VhbGVk"),
                new RunRequested(UUID.randomUUID(), NOW, "trace-1", "run-1:next", "notify", null,
                        json("{\"count\":2}"), new Trigger(TriggerType.CHAIN, "alice", null, null, "run-1", 1,
                                List.of("sync-users")),
                        new RunOptions(null, "https://hooks.example.test/done", true, List.of("tool:archive"), "any"),
                        null),
                new StepRequested(UUID.randomUUID(), NOW, "trace-1", "run-1", "users", 2, 1, NOW.plusSeconds(60),
                        new StepRequest(StepKind.HTTP, "acme/crm", "list_users", "GET", null, "/users",
                                Map.of("Authorization", "Bearer {{secret:CRM_TOKEN}}"), Map.of("team", "core"),
                                null, json("{\"type\":\"cursorBased\",\"pageSize\":50}"), null,
                                Map.of("status", java.util.List.of("open", "closed"))),
                        null, "alice"),
                new StepCompleted(UUID.randomUUID(), NOW, "trace-1", "run-1", "users", 2, 1, true,
                        json("{\"users\":[{\"id\":1}]}"), null, new CallStats(3, 3), 120, "c2VhbGVk",
                        new CallResponse(200, Map.of("Content-Type", "application/json")), "alice"),
                new StepCompleted(UUID.randomUUID(), NOW, null, "run-1", "details", 0, 2, false, null,
                        new StepError("HTTP_ERROR", "GET /users/1 answered 503", 503), new CallStats(2, 1), 40, null, null,
                        null),
                new RunFinished(UUID.randomUUID(), NOW, "trace-1", "run-1", "sync-users", RunStatus.FAILED, null,
                        new RunError("HTTP_ERROR", "GET /users/1 answered 503", "details", 0), NOW.minusSeconds(2),
                        NOW, agent, "tool:notify"),
                new RunAbortRequested(UUID.randomUUID(), NOW, "trace-2", "run-2", "bob", "wrong inputs"),
                new RunContinued(UUID.randomUUID(), NOW, "trace-3", "run-3", "approve", true, json("{\"ok\":true}"), "carol"),
                new ConnectorChanged(UUID.randomUUID(), NOW, "trace-4", "acme", "crm", 4, false,
                        json("{\"baseUrl\":\"https://crm.example.test\",\"auth\":{\"type\":\"bearer\",\"secret\":\"CRM_TOKEN\"}}")),
                new ConnectorChanged(UUID.randomUUID(), NOW, "trace-4", "acme", "old", 7, true, null),
                new ToolChanged(UUID.randomUUID(), NOW, "trace-5", "sync-users", 3, false, json("{\"steps\":[]}")),
                new AgentChanged(UUID.randomUUID(), NOW, "trace-6", "support", "helper", 1, false,
                        json("{\"enabledConnectors\":[]}")),
                new SecretChanged(UUID.randomUUID(), NOW, "trace-7", "CRM_TOKEN", SecretChanged.Scope.PRIVATE, "alice",
                        2, SecretChanged.Change.UPDATED));
    }
}
