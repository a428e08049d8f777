package dev.switchboard.orchestrator.launch;

import dev.switchboard.orchestrator.run.RunFollowUps;
import dev.switchboard.orchestrator.run.RunView;
import dev.switchboard.orchestrator.security.Caller;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /tools/{id}/run}. Async: 202 {@code {runId, status}} at once. Sync: 200 with the
 * finished run, or, if it is still going when the wait runs out, 202 with the run as it is and a
 * Location to follow it.
 */
@RestController
class ToolRunController {

    private final RunLauncher launcher;
    private final JsonMapper json;
    private final RunFollowUps followUps;

    ToolRunController(RunLauncher launcher, JsonMapper json, RunFollowUps followUps) {
        this.launcher = launcher;
        this.json = json;
        this.followUps = followUps;
    }

    @PostMapping("/api/v1/tools/{toolId}/run")
    ResponseEntity<?> run(@PathVariable String toolId, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "X-Trace-Id", required = false) String traceId) throws InterruptedException {
        RunRequest request = RunRequestReader.read(body);
        RunLauncher.Launched launched = launcher.launch(toolId, request, Caller.current(), traceId);
        URI location = URI.create("/api/v1/runs/" + launched.run().getRunId());
        if (request.async()) {
            return ResponseEntity.accepted().location(location)
                    .body(Map.of("runId", launched.run().getRunId(), "status", "running"));
        }
        return ResponseEntity.status(launched.finished() ? HttpStatus.OK : HttpStatus.ACCEPTED).location(location)
                .body(RunView.of(launched.run(), json, followUps));
    }
}
