package dev.switchboard.registry.definition;

import java.util.List;

/** A request the registry refuses because of its content (400); nothing of it has been stored. */
public class InvalidDefinitionException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidDefinitionException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
