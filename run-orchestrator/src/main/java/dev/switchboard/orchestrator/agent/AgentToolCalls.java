package dev.switchboard.orchestrator.agent;

import dev.switchboard.contracts.agent.AgentFunction;
import dev.switchboard.contracts.agent.AgentTools;
import dev.switchboard.contracts.agent.AgentVariables;
import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.event.TriggerType;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.orchestrator.launch.OperationLauncher;
import dev.switchboard.orchestrator.launch.OperationLauncher.OperationCall;
import dev.switchboard.orchestrator.run.InvalidRunRequestException;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one call path of agent tool calls, for {@code POST /agents/{ns}/{name}/tool-calls} and the
 * agent's MCP endpoint alike: resolve the function by the name the registry listed (the same
 * {@link AgentTools} code), check the model's arguments, let locked parameters win, and run the
 * operation as a run with trigger AGENT, as the caller.
 */
@Service
class AgentToolCalls {

    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(30);

    private final RegistryView registry;
    private final OperationLauncher operations;
    private final SchemaViolations schemas;
    private final Duration timeout;

    AgentToolCalls(RegistryView registry, OperationLauncher operations, SchemaViolations schemas,
            @Value("${switchboard.agents.tool-call-timeout:30s}") Duration timeout) {
        this.registry = registry;
        this.operations = operations;
        this.schemas = schemas;
        this.timeout = timeout;
    }

    /** The agent's functions now; 404 (RunNotFoundException) when there is no such agent. */
    AgentTools tools(String namespace, String name) throws InterruptedException {
        return AgentTools.of(agent(namespace, name), this::connector);
    }

    /**
     * Runs {@code call}. Sync: the finished call's result; async: a result whose {@code runId} is
     * the started run. Arguments the operation refuses answer {@code isError} with the fields,
     * and nothing runs.
     *
     * @throws RunNotFoundException      no such agent
     * @throws InvalidRunRequestException the agent has no function by that name (or not any more)
     */
    ToolCallResult call(String namespace, String name, ToolCall call, boolean async, Caller caller, String traceId)
            throws InterruptedException {
        JsonNode agent = agent(namespace, name);
        AgentFunction function = AgentTools.of(agent, this::connector).function(call.name())
                .orElseThrow(() -> new InvalidRunRequestException(List.of(new FieldProblem("name", "agent '"
                        + namespace + "/" + name + "' has no tool '" + call.name() + "' (GET /api/v1/agents/"
                        + namespace + "/" + name + "/tools lists them)"))));
        ObjectNode locked;
        try {
            locked = (ObjectNode) AgentVariables.fill(function.locked(), variables(agent));
        } catch (AgentVariables.UndefinedVariableException e) {
            return ToolCallResult.failure(call.toolCallId(), "AGENT_MISCONFIGURED", e.getMessage(), null);
        }
        List<FieldProblem> problems = new ArrayList<>(ToolCallArguments.refused(call.arguments(), function));
        ObjectNode parameters = ToolCallArguments.merge(call.arguments(), locked);
        if (problems.isEmpty()) {
            schemas.of(function.parameterSchema(), parameters, "arguments")
                    .forEach(v -> problems.add(new FieldProblem(v.field(), v.message())));
        }
        if (!problems.isEmpty()) {
            return ToolCallResult.invalidArguments(call.toolCallId(), problems);
        }
        OperationLauncher.Outcome outcome = operations.launch(
                new OperationCall("agent:" + namespace + "/" + name + ":" + function.name(), function.connector(),
                        function.operation(), parameters, Map.of(), async, timeout.toMillis()),
                caller, traceId,
                new Trigger(TriggerType.AGENT, caller.userId(), call.chatId(), call.toolCallId(), null, 0));
        return result(call.toolCallId(), outcome, async);
    }

    private static ToolCallResult result(String toolCallId, OperationLauncher.Outcome outcome, boolean async) {
        RunDocument run = outcome.run();
        if (async) {
            return ToolCallResult.success(toolCallId, "started as run " + run.getRunId(), run.getRunId());
        }
        if (!outcome.finished()) {
            return ToolCallResult.failure(toolCallId, "STILL_RUNNING", "the call did not finish in time; it goes on"
                    + " as run " + run.getRunId() + " (GET /api/v1/runs/" + run.getRunId() + ")", run.getRunId());
        }
        if (RunDocument.SUCCESS.equals(run.getStatus())) {
            ItemState item = outcome.call();
            String data = item == null ? null : item.getDataJson();
            return ToolCallResult.success(toolCallId, data == null ? "null" : data, run.getRunId());
        }
        RunError error = run.getError();
        return error == null
                ? ToolCallResult.failure(toolCallId, "FAILED", "the call ended as " + run.getStatus(), run.getRunId())
                : ToolCallResult.failure(toolCallId, error.code(), error.message(), run.getRunId());
    }

    private JsonNode agent(String namespace, String name) throws InterruptedException {
        if (!registry.isCaughtUp()) {
            // just started: an agent not seen yet would be a wrong 404
            registry.awaitCaughtUp(REGISTRY_WAIT);
        }
        return registry.agent(namespace, name).orElseThrow(() ->
                new RunNotFoundException("no agent '" + namespace + "/" + name + "'"));
    }

    private Optional<JsonNode> connector(String ref) {
        String[] parts = ref.split("/", 2);
        return parts.length == 2 ? registry.connector(parts[0], parts[1]) : Optional.empty();
    }

    private static Map<String, JsonNode> variables(JsonNode agent) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        agent.path("variables").properties().forEach(e -> variables.put(e.getKey(), e.getValue()));
        return variables;
    }
}
