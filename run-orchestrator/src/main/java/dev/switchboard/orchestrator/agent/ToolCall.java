package dev.switchboard.orchestrator.agent;

import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.InputLimits;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model's call of one of an agent's functions: {@code POST /agents/{ns}/{name}/tool-calls}
 * {@code {toolCallId, chatId, name, arguments}}, or an MCP {@code tools/call}.
 *
 * @param toolCallId the model's id for the call, recorded on the run and answered back
 * @param chatId     the conversation, so {@code GET /runs?chatId=} lists its calls; may be null
 * @param name       a function name as {@code GET /agents/{ns}/{name}/tools} lists it
 * @param arguments  the model's arguments, always an object here
 */
record ToolCall(String toolCallId, String chatId, String name, ObjectNode arguments) {

    static final int MAX_ID = 256;
    private static final Set<String> FIELDS = Set.of("toolCallId", "chatId", "name", "arguments");

    /**
     * Reads the envelope; {@code arguments} may be an object or a string holding one (OpenAI sends
     * a string), and absent or blank means none.
     *
     * @throws InvalidRunRequestException naming each field at fault (a 400: the envelope is the
     *         caller's code, not the model's, so it is not answered as a tool result)
     */
    static ToolCall read(JsonNode body, JsonMapper json) {
        if (body == null || !body.isObject()) {
            throw new InvalidRunRequestException(List.of(new FieldProblem("body",
                    "must be a JSON object {toolCallId, chatId, name, arguments}")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        body.propertyNames().stream().filter(field -> !FIELDS.contains(field)).forEach(field -> problems.add(
                new FieldProblem(field, "is not a field of a tool call (toolCallId, chatId, name, arguments)")));
        String toolCallId = text(body, "toolCallId", true, problems);
        String chatId = text(body, "chatId", false, problems);
        String name = text(body, "name", true, problems);
        ObjectNode arguments = arguments(body.get("arguments"), json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        return new ToolCall(toolCallId, chatId, name, arguments);
    }

    /** The arguments as an object, or null after adding a problem. */
    static ObjectNode arguments(JsonNode given, JsonMapper json, List<FieldProblem> problems) {
        if (given == null || given.isNull() || (given.isString() && given.asString().isBlank())) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode arguments = given;
        if (given.isString()) {
            try {
                arguments = json.readTree(given.asString());
            } catch (JacksonException notJson) {
                problems.add(new FieldProblem("arguments", "is a string but not valid JSON; it must hold a JSON object"));
                return null;
            }
        }
        if (arguments instanceof ObjectNode object) {
            Optional<String> violation = InputLimits.violation(object);
            violation.ifPresent(message -> problems.add(new FieldProblem("arguments", message)));
            return violation.isPresent() ? null : object;
        }
        problems.add(new FieldProblem("arguments", "must be a JSON object, or a string holding one (OpenAI sends a"
                + " string)"));
        return null;
    }

    private static String text(JsonNode body, String field, boolean required, List<FieldProblem> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (!value.isString() || value.asString().isEmpty() || value.asString().length() > MAX_ID) {
            problems.add(new FieldProblem(field, "must be a string of 1 to " + MAX_ID + " characters"));
            return null;
        }
        return value.asString();
    }
}
