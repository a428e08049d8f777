package dev.switchboard.executor.http;

import dev.switchboard.contracts.transit.CredentialSeal;
import dev.switchboard.executor.call.CallAuthException;
import dev.switchboard.executor.call.ConnectorLogin;
import dev.switchboard.executor.call.SecretPlaceholders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A connector's {@code auth}, applied at call time (ARCHITECTURE §4): the credential comes from
 * the run's own credentials, else the caller's private secret, else the shared one, and is
 * remembered so it is masked wherever it might be echoed. Nothing is sent when it cannot be had.
 */
final class ConnectorAuth {

    private final JsonNode auth;
    private final SecretPlaceholders placeholders;
    private final Map<String, String> credentials;
    private final OAuthTokens tokens;
    private OAuthTokens.Grant grant;
    private String sentToken;

    ConnectorAuth(Optional<JsonNode> connector, SecretPlaceholders placeholders, Map<String, String> credentials,
            OAuthTokens tokens) {
        this.auth = connector.map(c -> c.path("auth")).filter(a -> !a.isMissingNode() && !a.isNull()).orElse(null);
        this.placeholders = placeholders;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** Adds the credential to the request's headers or query. */
    void apply(Map<String, String> headers, Map<String, String> query, Duration timeout) {
        String type = auth == null ? "none" : auth.path("type").asString("none");
        String secret = auth == null ? null : auth.path("secret").asString(null);
        switch (type) {
            case "none" -> {
            }
            case "bearer" -> headers.put(header("Authorization"), "Bearer " + placeholders.value(secret));
            case "api_key" -> {
                String key = placeholders.value(secret);
                if ("query".equals(auth.path("position").asString("header"))) {
                    query.put(auth.path("paramName").asString("api_key"), key);
                } else {
                    headers.put(header("X-API-Key"), key);
                }
            }
            case "basic" -> {
                JsonNode login = login(secret, "username", "password");
                String pair = login.path("username").asString("") + ":" + login.path("password").asString("");
                String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                placeholders.remember(encoded);
                headers.put("Authorization", "Basic " + encoded);
            }
            case "forward_token" -> {
                String token = credentials.get(CredentialSeal.CALLER_TOKEN);
                if (token == null || token.isBlank()) {
                    throw new CallAuthException("FORWARD_TOKEN_MISSING", "the connector forwards the caller's"
                            + " token, but this run carries none (it was not started by a signed-in caller)", null);
                }
                headers.put(header("Authorization"), "Bearer " + token);
            }
            case "oauth2_client_credentials" -> {
                if (grant == null) {
                    JsonNode client = login(secret, "clientId", "clientSecret");
                    List<String> scopes = new ArrayList<>();
                    auth.path("scopes").forEach(s -> scopes.add(s.asString()));
                    grant = new OAuthTokens.Grant(auth.path("tokenUrl").asString(),
                            client.path("clientId").asString(), client.path("clientSecret").asString(), scopes);
                }
                sentToken = tokens.token(grant, timeout);
                placeholders.remember(sentToken);
                headers.put(header("Authorization"), "Bearer " + sentToken);
            }
            default -> throw new CallAuthException("AUTH_UNSUPPORTED", "auth type '" + type
                    + "' is not one this executor knows", null);
        }
    }

    /**
     * The API refused the OAuth token it was sent (401): drops it so that {@link #apply} fetches a
     * new one. False when a new token would not help (any other auth type).
     */
    boolean refreshAfterUnauthorized() {
        if (grant == null || sentToken == null) {
            return false;
        }
        tokens.invalidate(grant, sentToken);
        return true;
    }

    private JsonNode login(String secret, String userPart, String passwordPart) {
        return ConnectorLogin.read(placeholders, secret, userPart, passwordPart);
    }

    private String header(String fallback) {
        return auth.path("header").asString(fallback);
    }
}
