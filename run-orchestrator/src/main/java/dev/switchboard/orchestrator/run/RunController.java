package dev.switchboard.orchestrator.run;

import dev.switchboard.orchestrator.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.api.ListPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs, also served as {@code /executions} under the seed's name, which accepts its snake_case
 * filters too ({@code chat_id}, {@code trigger_type}). People see their own runs; admins see all.
 */
@RestController
class RunController {

    static final int MAX_REASON_CHARS = 2_000;
    private static final String STATUSES = "running|awaiting_input|success|failed|aborted|requested";
    private static final String TRIGGERS = "API|WEBHOOK|SCHEDULE|AGENT|MANUAL|CHAIN";

    private final RunCatalog catalog;
    private final RunStore store;
    private final RunAborts aborts;
    private final RunContinues continues;
    private final JsonMapper json;
    private final RunFollowUps followUps;

    RunController(RunCatalog catalog, RunStore store, RunAborts aborts, RunContinues continues, JsonMapper json,
            RunFollowUps followUps) {
        this.catalog = catalog;
        this.store = store;
        this.aborts = aborts;
        this.continues = continues;
        this.json = json;
        this.followUps = followUps;
    }

    @GetMapping({"/api/v1/runs/{runId}", "/api/v1/executions/{runId}"})
    RunView get(@PathVariable String runId) {
        RunDocument run = store.find(runId).orElseThrow(() -> new RunNotFoundException("no run '" + runId + "'"));
        Caller caller = Caller.current();
        if (!caller.admin() && !caller.userId().equals(run.getUserId())) {
            // the same answer as for a run that does not exist: ids of other people's runs stay private
            throw new RunNotFoundException("no run '" + runId + "'");
        }
        return RunView.of(run, json, followUps);
    }

    /**
     * Asks the run's partition owner to abort it and waits briefly for that to happen: 200 with
     * the aborted run, or 202 with the run as it is if the abort is still on its way.
     */
    @PostMapping({"/api/v1/runs/{runId}/abort", "/api/v1/executions/{runId}/abort"})
    ResponseEntity<RunView> abort(@PathVariable String runId,
            @RequestBody(required = false) Map<String, Object> body) throws InterruptedException {
        Object reason = body == null ? null : body.get("reason");
        String text = reason == null ? null : String.valueOf(reason);
        // it travels in a RunAbortRequested: 1.5 MB of it outgrew the broker's record and gave a 500
        if (text != null && text.length() > MAX_REASON_CHARS) {
            throw new InvalidRunRequestException(List.of(new InvalidRunRequestException.FieldProblem("reason",
                    "must be at most " + MAX_REASON_CHARS + " characters")));
        }
        RunDocument run = aborts.abort(runId, Caller.current(), text);
        return ResponseEntity.status(run.isFinal() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(RunView.of(run, json, followUps));
    }

    /**
     * Decides on a run paused at an approval step: {@code {approved: true|false, input?}}. 200
     * with the run if it finished within a moment, else 202 with the run as it is; 409 if it is
     * not awaiting input or someone decided already.
     */
    @PostMapping({"/api/v1/runs/{runId}/continue", "/api/v1/executions/{runId}/continue"})
    ResponseEntity<RunView> continueRun(@PathVariable String runId, @RequestBody(required = false) JsonNode body)
            throws InterruptedException {
        ContinueRequest request = ContinueRequest.read(body);
        RunDocument run = continues.decide(runId, Caller.current(), request.approved(), request.input());
        return ResponseEntity.status(run.isFinal() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(RunView.of(run, json, followUps));
    }

    @GetMapping({"/api/v1/runs", "/api/v1/executions"})
    ListPage<RunSummary> list(
            @RequestParam(required = false) String toolId,
            @RequestParam(required = false) @Pattern(regexp = STATUSES, message = "must be one of " + STATUSES)
                    String status,
            @RequestParam(required = false) @Pattern(regexp = TRIGGERS, message = "must be one of " + TRIGGERS)
                    String triggerType,
            @RequestParam(name = "trigger_type", required = false)
                    @Pattern(regexp = TRIGGERS, message = "must be one of " + TRIGGERS) String triggerTypeSnake,
            @RequestParam(required = false) String chatId,
            @RequestParam(name = "chat_id", required = false) String chatIdSnake,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        Caller caller = Caller.current();
        var filter = new RunFilter(toolId, status, firstOf(triggerType, triggerTypeSnake),
                firstOf(chatId, chatIdSnake), caller.admin() ? null : caller.userId(), since, until);
        return catalog.list(filter, page, limit);
    }

    private static String firstOf(String camel, String snake) {
        return camel != null ? camel : snake;
    }
}
