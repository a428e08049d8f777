package dev.switchboard.orchestrator.agent;

import dev.switchboard.orchestrator.security.Caller;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /agents/{ns}/{name}/tool-calls}: an agent loop hands over the model's function call
 * and gets back {@code {toolCallId, content, isError}} to feed to the model; {@code ?async=true}
 * answers 202 with the run id at once. Any authenticated user may call; the run is theirs (their
 * private secrets apply, {@code GET /runs} shows it to them).
 */
@RestController
class ToolCallController {

    private final AgentToolCalls calls;
    private final JsonMapper json;

    ToolCallController(AgentToolCalls calls, JsonMapper json) {
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/agents/{namespace}/{name}/tool-calls")
    ResponseEntity<?> call(@PathVariable String namespace, @PathVariable String name,
            @RequestParam(defaultValue = "false") boolean async, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "X-Trace-Id", required = false) String traceId) throws InterruptedException {
        ToolCall call = ToolCall.read(body, json);
        ToolCallResult result = calls.call(namespace, name, call, async, Caller.current(), traceId);
        if (!async || result.isError()) {
            return ResponseEntity.ok(result);
        }
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("toolCallId", result.toolCallId());
        started.put("runId", result.runId());
        started.put("status", "running");
        return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + result.runId())).body(started);
    }
}
