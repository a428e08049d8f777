package dev.switchboard.orchestrator.agent;

import dev.switchboard.contracts.agent.AgentFunction;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a model's arguments become before the call: checked, then merged with the agent's locked
 * parameters, which always win. The model is not trusted as a person is: it may have read a
 * prompt injection, so it may not name a secret ({@code {{secret:NAME}}} would be filled by the
 * executor and sent), nor invent parameters the operation does not declare.
 */
final class ToolCallArguments {

    /** As the executor finds secret placeholders (executor.call.SecretPlaceholders), whitespace included. */
    private static final Pattern SECRET_PLACEHOLDER = Pattern.compile("\\{\\{\\s*secret:");

    private ToolCallArguments() {
    }

    /** The model's arguments with every locked parameter set to its (filled) value. */
    static ObjectNode merge(ObjectNode model, ObjectNode locked) {
        ObjectNode merged = model.deepCopy();
        locked.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        return merged;
    }

    /**
     * Problems with the model's own arguments, as {@code arguments.<name>}: a secret placeholder
     * anywhere, or a parameter the operation does not declare (unless its schema allows others).
     * A locked parameter the model gave anyway is no problem: it is overwritten.
     */
    static List<FieldProblem> refused(ObjectNode model, AgentFunction function) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonNode schema = function.parameterSchema();
        JsonNode declared = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean othersAllowed = additional != null && !(additional.isBoolean() && !additional.asBoolean());
        for (Map.Entry<String, JsonNode> argument : model.properties()) {
            String field = "arguments." + argument.getKey();
            if (!othersAllowed && !declared.has(argument.getKey())) {
                problems.add(new FieldProblem(field, "is not a parameter of this tool"));
                continue;
            }
            if (!function.locked().has(argument.getKey())) {
                secretPlaceholders(argument.getValue(), field, problems);
            }
        }
        return problems;
    }

    private static void secretPlaceholders(JsonNode value, String field, List<FieldProblem> problems) {
        if (value.isString() && SECRET_PLACEHOLDER.matcher(value.asString()).find()) {
            problems.add(new FieldProblem(field, "may not contain a {{secret:...}} placeholder"));
        } else if (value.isObject()) {
            value.properties().forEach(e -> {
                if (SECRET_PLACEHOLDER.matcher(e.getKey()).find()) {
                    problems.add(new FieldProblem(field, "may not contain a {{secret:...}} placeholder"));
                } else {
                    secretPlaceholders(e.getValue(), field + "." + e.getKey(), problems);
                }
            });
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                secretPlaceholders(value.get(i), field + "[" + i + "]", problems);
            }
        }
    }
}
