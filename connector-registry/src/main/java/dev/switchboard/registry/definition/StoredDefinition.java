package dev.switchboard.registry.definition;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A definition as the registry holds it: what the user gave (normalised), plus the version used
 * for optimistic locking and who created it.
 *
 * @param ref        {@code namespace/name}, or the tool id
 * @param namespace  null for tools
 * @param refs       the connectors it references (tools and agents), so a connector in use is not deleted
 */
public record StoredDefinition(
        Kind kind,
        String ref,
        String namespace,
        String name,
        ObjectNode definition,
        long version,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        List<String> refs) {

    /** The definition with its version and audit fields, as the API returns it. */
    public ObjectNode view() {
        ObjectNode view = definition.deepCopy();
        view.put("version", version);
        view.put("createdBy", createdBy);
        view.put("createdAt", createdAt.toString());
        view.put("updatedAt", updatedAt.toString());
        return view;
    }
}
