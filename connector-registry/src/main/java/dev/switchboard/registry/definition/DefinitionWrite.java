package dev.switchboard.registry.definition;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a service hands the store to save: the normalised definition, the connectors it refers
 * to, and a few fields copied out of it so lists and filters need not parse the definition.
 */
public record DefinitionWrite(
        Kind kind,
        String ref,
        String namespace,
        String name,
        ObjectNode definition,
        List<String> refs,
        Map<String, Object> summary) {
}
