package dev.switchboard.orchestrator.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.util.List;

/**
 * A tool call's answer in the shape an agent loop feeds back to its model: {@code content} is
 * text (the JSON of the operation's result, or {@code CODE: message}), {@code isError} says which.
 *
 * @param runId  the run that made the call; null when nothing ran (the arguments were refused)
 * @param errors for refused arguments, each field at fault, so the loop can have the model correct them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ToolCallResult(String toolCallId, String content, @JsonProperty("isError") boolean isError, String runId,
        List<FieldProblem> errors) {

    static final String INVALID_ARGUMENTS = "INVALID_ARGUMENTS";

    static ToolCallResult success(String toolCallId, String content, String runId) {
        return new ToolCallResult(toolCallId, content, false, runId, null);
    }

    static ToolCallResult failure(String toolCallId, String code, String message, String runId) {
        return new ToolCallResult(toolCallId, code + ": " + message, true, runId, null);
    }

    static ToolCallResult invalidArguments(String toolCallId, List<FieldProblem> errors) {
        StringBuilder content = new StringBuilder(INVALID_ARGUMENTS)
                .append(": the arguments do not fit the tool's parameters; nothing was called. ");
        errors.forEach(e -> content.append(e.field()).append(": ").append(e.message()).append("; "));
        return new ToolCallResult(toolCallId, content.substring(0, content.length() - 2), true, null, errors);
    }
}
