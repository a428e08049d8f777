package dev.switchboard.secrets.secret;

import tools.jackson.databind.JsonNode;

/**
 * A secret as written: {@code value} is a string, or an object of strings for credentials with
 * several parts ({@code {username, password}} for basic, {@code {clientId, clientSecret}} for
 * OAuth2 client credentials, {@code {username, privateKey}} for SFTP). {@code name} and
 * {@code scope} are read on create only; updates take them from the URL.
 */
record SecretInput(String name, JsonNode value, String scope, String description) {

    @Override
    public String toString() {
        // Records print their fields; this one must never print the value.
        return "SecretInput[name=" + name + ", scope=" + scope + "]";
    }
}
