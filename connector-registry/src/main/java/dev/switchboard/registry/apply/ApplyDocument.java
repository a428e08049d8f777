package dev.switchboard.registry.apply;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The document apply takes. Items stay JSON trees here so each one is read on its own and a bad
 * item is reported with its reference instead of failing the whole document at the first error.
 */
record ApplyDocument(List<JsonNode> connectors, List<JsonNode> tools, List<JsonNode> agents) {

    static List<JsonNode> orEmpty(List<JsonNode> items) {
        return items == null ? List.of() : items;
    }
}
