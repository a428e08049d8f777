package dev.switchboard.secrets.secret;

import tools.jackson.databind.JsonNode;

/** A decrypted value for the executor, with which secret it came from. */
public record ResolvedSecret(String name, String scope, long version, JsonNode value) {

    @Override
    public String toString() {
        return "ResolvedSecret[name=" + name + ", scope=" + scope + ", version=" + version + "]";
    }
}
