package dev.switchboard.orchestrator.launch;

import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.orchestrator.run.ItemState;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.security.Caller;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one connector operation through the same path as any run: a one-step tool made on the
 * spot, whose inputs are the operation's parameters. Connector tests and agent tool calls are such
 * runs, so they get what a tool's step would get (auth, secrets, retries, the schema check, the
 * run record).
 */
@Service
public class OperationLauncher {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final RunLauncher launcher;
    private final JsonMapper json;

    OperationLauncher(RunLauncher launcher, JsonMapper json) {
        this.launcher = launcher;
        this.json = json;
    }

    /** The accepted run; when {@code call.async()} is false, as it is when it finished or the wait ran out. */
    public Outcome launch(OperationCall call, Caller caller, String traceId, Trigger trigger)
            throws InterruptedException {
        RunRequest request = new RunRequest(null, call.parameters(), call.credentials(), call.async(), call.timeoutMs(),
                null, null);
        RunLauncher.Launched launched = launcher.launch(tool(call), request, caller, traceId, trigger);
        return new Outcome(launched.run(), launched.finished());
    }

    /** The given parameters are the run's inputs; each is looked up as it is, never as a template. */
    private ObjectNode tool(OperationCall call) {
        ObjectNode lookups = json.createObjectNode();
        call.parameters().propertyNames().forEach(parameter -> lookups.put(parameter,
                PLAIN_NAME.matcher(parameter).matches() ? "<<" + parameter + ">>"
                        : "<<(sourceData) => sourceData[" + json.writeValueAsString(parameter) + "]>>"));
        ObjectNode step = json.createObjectNode().put("id", "call").put("connector", call.connector())
                .put("operation", call.operation());
        step.set("parameters", lookups);
        ObjectNode tool = json.createObjectNode().put("id", call.toolId());
        tool.set("steps", json.createArrayNode().add(step));
        return tool;
    }

    /**
     * @param toolId     what the run is listed as ({@code GET /runs?toolId=})
     * @param connector  {@code namespace/name}
     * @param parameters a JSON object of the operation's parameters, already checked against its schema
     */
    public record OperationCall(String toolId, String connector, String operation, JsonNode parameters,
            Map<String, String> credentials, boolean async, long timeoutMs) {
    }

    /** @param finished whether the run had ended when the launch returned */
    public record Outcome(RunDocument run, boolean finished) {

        /** The operation's one call, or null when it made none (failed before, or still running). */
        public ItemState call() {
            return run.getSteps().isEmpty() || run.getSteps().getFirst().getItems().isEmpty() ? null
                    : run.getSteps().getFirst().getItems().getFirst();
        }
    }
}
