package dev.switchboard.orchestrator.run;

import java.util.List;

/** A run request with fields at fault; each becomes an entry of the problem's {@code errors}. */
public class InvalidRunRequestException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRunRequestException(List<FieldProblem> errors) {
        super("The run request has " + errors.size() + " invalid field(s).");
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public record FieldProblem(String field, String message) {
    }
}
