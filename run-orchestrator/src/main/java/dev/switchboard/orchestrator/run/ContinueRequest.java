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
        InputLimits.violation(input).ifPresent(message -> problems.add(new FieldProblem("input", message)));
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        return new ContinueRequest(approved.asBoolean(), input);
    }
}
