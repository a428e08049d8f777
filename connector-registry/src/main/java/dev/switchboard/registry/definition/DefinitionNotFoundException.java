package dev.switchboard.registry.definition;

/** 404: no {@code kind} with that reference. */
public class DefinitionNotFoundException extends RuntimeException {

    public DefinitionNotFoundException(Kind kind, String ref) {
        super("No " + kind.label() + " '" + ref + "'.");
    }
}
