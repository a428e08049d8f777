package dev.switchboard.registry.openapi;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the spec's security scheme to a suggested connector {@code auth} block: the first scheme
 * the global {@code security} requirement names, else the first one defined. The secret is only
 * a suggested name; the user stores the value under it.
 */
final class SecuritySchemes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SecuritySchemes() {
    }

    static ObjectNode suggestedAuth(JsonNode document, List<String> warnings) {
        JsonNode schemes = document.path("components").path("securitySchemes");
        if (!schemes.isObject() || schemes.isEmpty()) {
            return null;
        }
        String chosen = null;
        for (JsonNode requirement : document.path("security")) {
            for (String name : requirement.propertyNames()) {
                if (chosen == null && schemes.has(name)) {
                    chosen = name;
                }
            }
        }
        if (chosen == null) {
            chosen = schemes.propertyNames().iterator().next();
        }
        return auth(chosen, schemes.get(chosen), warnings);
    }

    private static ObjectNode auth(String name, JsonNode scheme, List<String> warnings) {
        String secret = OperationNamer.safe(name);
        String type = scheme.path("type").asString("");
        ObjectNode auth = NODES.objectNode();
        switch (type) {
            case "http" -> {
                String httpScheme = scheme.path("scheme").asString("").toLowerCase(Locale.ROOT);
                if (!httpScheme.equals("bearer") && !httpScheme.equals("basic")) {
                    warnings.add("security scheme '" + name + "' (http " + httpScheme + ") is not supported");
                    return null;
                }
                auth.put("type", httpScheme);
            }
            case "apiKey" -> {
                String in = scheme.path("in").asString("");
                if (in.equals("header")) {
                    auth.put("type", "api_key").put("position", "header").put("header", scheme.path("name").asString());
                } else if (in.equals("query")) {
                    auth.put("type", "api_key").put("position", "query")
                            .put("paramName", scheme.path("name").asString());
                } else {
                    warnings.add("security scheme '" + name + "' (apiKey in " + in + ") is not supported");
                    return null;
                }
            }
            case "oauth2" -> {
                JsonNode flow = scheme.path("flows").path("clientCredentials");
                if (!flow.isObject()) {
                    warnings.add("security scheme '" + name + "' (oauth2 without a clientCredentials flow) is not"
                            + " supported; only client credentials run without a person");
                    return null;
                }
                auth.put("type", "oauth2_client_credentials").put("tokenUrl", flow.path("tokenUrl").asString());
                var scopes = auth.putArray("scopes");
                flow.path("scopes").propertyNames().forEach(scopes::add);
            }
            default -> {
                warnings.add("security scheme '" + name + "' (" + type + ") is not supported");
                return null;
            }
        }
        return auth.put("secret", secret.isEmpty() ? "api_credentials" : secret);
    }
}
