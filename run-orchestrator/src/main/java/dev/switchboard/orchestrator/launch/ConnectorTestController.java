package dev.switchboard.orchestrator.launch;

import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.event.TriggerType;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.orchestrator.launch.OperationLauncher.OperationCall;
import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.InputLimits;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import dev.switchboard.orchestrator.run.ItemState;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.RunNotFoundException;
import dev.switchboard.orchestrator.schema.SchemaViolations;
import dev.switchboard.orchestrator.security.Caller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /connectors/{ns}/{name}/test/{operation}}: runs one operation now, as the caller
 * (their private secrets and run credentials apply), through the same path as any run: a one-step
 * tool made on the spot, run sync with trigger MANUAL, so the test proves what a tool would get.
 * Answers the call's status, headers, body, duration and attempts; the parameters are checked
 * against the operation's schema first (400 naming each field), and nothing is called then.
 */
@RestController
class ConnectorTestController {

    private static final Set<String> FIELDS = Set.of("parameters", "credentials", "timeoutMs");
    private static final long DEFAULT_TIMEOUT_MS = Duration.ofSeconds(30).toMillis();
    private static final long MAX_TIMEOUT_MS = Duration.ofMinutes(5).toMillis();
    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(30);

    private final OperationLauncher launcher;
    private final RegistryView registry;
    private final SchemaViolations schemas;
    private final JsonMapper json;

    ConnectorTestController(OperationLauncher launcher, RegistryView registry, SchemaViolations schemas,
            JsonMapper json) {
        this.launcher = launcher;
        this.registry = registry;
        this.schemas = schemas;
        this.json = json;
    }

    @PostMapping("/api/v1/connectors/{namespace}/{name}/test/{operation}")
    ResponseEntity<?> test(@PathVariable String namespace, @PathVariable String name, @PathVariable String operation,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "X-Trace-Id", required = false) String traceId) throws InterruptedException {
        if (!registry.isCaughtUp()) {
            // just started: an unknown connector would be a wrong 404
            registry.awaitCaughtUp(REGISTRY_WAIT);
        }
        JsonNode connector = registry.connector(namespace, name).orElseThrow(() ->
                new RunNotFoundException("no connector '" + namespace + "/" + name + "'"));
        JsonNode declared = null;
        for (JsonNode candidate : connector.path("operations")) {
            if (operation.equals(candidate.path("name").asString(null))) {
                declared = candidate;
            }
        }
        if (declared == null) {
            throw new RunNotFoundException("connector '" + namespace + "/" + name + "' has no operation '"
                    + operation + "'");
        }
        OperationCall call = read(body, declared, namespace + "/" + name, operation);
        Caller caller = Caller.current();
        OperationLauncher.Outcome launched = launcher.launch(call, caller, traceId,
                new Trigger(TriggerType.MANUAL, caller.userId(), null, null, null, 0));
        return ResponseEntity.ok(answer(launched));
    }

    private OperationCall read(JsonNode body, JsonNode operation, String connectorRef, String operationName) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw new InvalidRunRequestException(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        body.propertyNames().stream().filter(field -> !FIELDS.contains(field)).forEach(field -> problems.add(
                new FieldProblem(field, "is not a field of a connector test (parameters, credentials, timeoutMs)")));
        JsonNode parameters = body.path("parameters");
        if (parameters.isMissingNode() || parameters.isNull()) {
            parameters = JsonNodeFactory.instance.objectNode();
        }
        if (!parameters.isObject()) {
            problems.add(new FieldProblem("parameters", "must be a JSON object of the operation's parameters"));
        } else {
            Optional<String> violation = InputLimits.violation(parameters);
            if (violation.isPresent()) {
                problems.add(new FieldProblem("parameters", violation.get()));
            } else {
                schemas.of(operation.get("parameters"), parameters, "parameters")
                        .forEach(v -> problems.add(new FieldProblem(v.field(), v.message())));
            }
        }
        Map<String, String> credentials = RunRequestReader.credentials(body.get("credentials"), problems);
        long timeoutMs = DEFAULT_TIMEOUT_MS;
        JsonNode timeout = body.path("timeoutMs");
        if (!timeout.isMissingNode() && !timeout.isNull()) {
            // canConvertToLong first: asLong() throws on a number beyond 64 bits (it was a 500)
            if (timeout.isIntegralNumber() && timeout.canConvertToLong() && timeout.asLong() >= 1
                    && timeout.asLong() <= MAX_TIMEOUT_MS) {
                timeoutMs = timeout.asLong();
            } else {
                problems.add(new FieldProblem("timeoutMs", "must be a whole number of milliseconds from 1 to "
                        + MAX_TIMEOUT_MS + " (5 min)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        return new OperationCall("connector-test:" + connectorRef + "/" + operationName, connectorRef, operationName,
                parameters, credentials, false, timeoutMs);
    }

    private Map<String, Object> answer(OperationLauncher.Outcome launched) {
        RunDocument run = launched.run();
        ItemState item = launched.call();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", run.getRunId());
        answer.put("success", RunDocument.SUCCESS.equals(run.getStatus()));
        answer.put("status", item == null ? null : item.getHttpStatus());
        answer.put("headers", item == null || item.getResponseHeadersJson() == null ? Map.of()
                : json.readTree(item.getResponseHeadersJson()));
        answer.put("body", item == null || item.getDataJson() == null ? null : json.readTree(item.getDataJson()));
        answer.put("durationMs", item == null ? run.getDurationMs() : item.getDurationMs());
        answer.put("attempts", item == null ? 0 : item.getAttempts());
        answer.put("error", run.getError());
        if (!launched.finished()) {
            answer.put("error", Map.of("code", "TIMEOUT", "message", "the test did not finish within its timeout"));
        }
        return answer;
    }
}
