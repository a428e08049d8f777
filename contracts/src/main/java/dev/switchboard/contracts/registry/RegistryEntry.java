package dev.switchboard.contracts.registry;

import tools.jackson.databind.JsonNode;

/** One connector, tool or agent as the registry last published it. */
public record RegistryEntry(String key, long version, JsonNode snapshot) {
}
