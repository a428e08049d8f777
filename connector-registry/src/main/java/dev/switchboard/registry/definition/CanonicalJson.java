package dev.switchboard.registry.definition;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A definition as it will read back from storage. Comparing trees built from Java values with
 * trees read from JSON text would see {@code 200L} and {@code 200} as different; going through
 * the text once makes "unchanged" mean unchanged.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static ObjectNode of(JsonMapper json, Object definition) {
        return (ObjectNode) json.readTree(json.writeValueAsString(definition));
    }
}
