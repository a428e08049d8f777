package dev.switchboard.executor.secret;

import tools.jackson.databind.JsonNode;

/** A secret's value as the executor uses it at call time; printing it never shows the value. */
public record ResolvedSecret(String name, String scope, long version, JsonNode value) {

    @Override
    public String toString() {
        return "ResolvedSecret[name=" + name + ", scope=" + scope + ", version=" + version + "]";
    }
}
