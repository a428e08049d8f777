package dev.switchboard.orchestrator.run;

import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /runs/{id}/continue}: {@code approved} (required, a boolean) and
 * {@code input} (any JSON, which becomes {@code sourceData[approvalStepId]} as given).
 */
record ContinueRequest(boolean approved, JsonNode input) {

    /** Input becomes part of the run document and of every later step's sourceData. */
    static final int MAX_INPUT_CHARS = 256 * 1024;
    private static final Set<String> FIELDS = Set.of("approved", "input");

    static ContinueRequest read(JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || body.isNull() || body.isMissingNode() || !body.isObject()) {
            throw new InvalidRunRequestException(List.of(new FieldProblem("body",
                    "must be a JSON object {approved: true|false, input?}")));
        }
        body.propertyNames().stream().filter(field -> !FIELDS.contains(field)).sorted().forEach(field ->
                problems.add(new FieldProblem(field, "is not a field of a continue request (approved, input)")));
        JsonNode approved = body.path("approved");
        if (!approved.isBoolean()) {
            problems.add(new FieldProblem("approved", "is required: true to go on, false to reject"));
        }
        JsonNode input = body.get("input");
        if (input != null && input.toString().length() > MAX_INPUT_CHARS) {
            problems.add(new FieldProblem("input", "must be at most " + MAX_INPUT_CHARS + " characters of JSON"));
        } else if (JsonNesting.tooDeep(input)) {
            problems.add(new FieldProblem("input", JsonNesting.message()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        return new ContinueRequest(approved.asBoolean(), input);
    }
}
