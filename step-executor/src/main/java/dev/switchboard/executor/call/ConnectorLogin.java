package dev.switchboard.executor.call;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A secret that holds a login ({@code {username, password}}, {@code {clientId, clientSecret}},
 * {@code {username, privateKey}}), read at call time. Its secret part is remembered for masking,
 * so no protocol can echo it into an error. A basic login may also be {@code "user:pass"}, and
 * snake-case part names ({@code client_id}) are accepted too.
 */
public final class ConnectorLogin {

    private static final JsonMapper READER = JsonMapper.builder().build();

    private ConnectorLogin() {
    }

    /**
     * The login in the secret {@code secret}, with exactly the two parts asked for.
     *
     * @throws CallAuthException {@code INVALID_SECRET} when the secret is not such a login
     */
    public static ObjectNode read(SecretPlaceholders placeholders, String secret, String userPart,
            String secretPart) {
        String raw = placeholders.value(secret);
        JsonNode login;
        try {
            login = READER.readTree(raw);
        } catch (JacksonException notJson) {
            login = null;
        }
        if ((login == null || !login.isObject()) && "username".equals(userPart) && "password".equals(secretPart)
                && raw.contains(":")) {
            int colon = raw.indexOf(':');
            login = READER.createObjectNode().put("username", raw.substring(0, colon))
                    .put("password", raw.substring(colon + 1));
        }
        if (login == null || !login.isObject()) {
            throw new CallAuthException("INVALID_SECRET", "the secret '" + secret + "' must hold {" + userPart + ", "
                    + secretPart + "}", null);
        }
        ObjectNode normalised = READER.createObjectNode();
        for (String part : List.of(userPart, secretPart)) {
            JsonNode value = login.path(part);
            if (value.isMissingNode()) {
                value = login.path(snakeCase(part));
            }
            if (!value.isString() || value.asString().isEmpty()) {
                throw new CallAuthException("INVALID_SECRET", "the secret '" + secret + "' has no " + part, null);
            }
            if (part.equals(secretPart)) {
                placeholders.remember(value.asString());
            }
            normalised.put(part, value.asString());
        }
        return normalised;
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
