package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.StepRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a step sent, as its run shows it: the request the orchestrator rendered (templates filled
 * in, {@code {{secret:…}}} references left as they are, since the executor resolves them at call
 * time). Values under names that look like credentials are {@code ***} all the same, in case a
 * tool's author typed a key into a header or an input carried one, and a long body is cut.
 */
public record RequestExcerpt(String kind, String connector, String operation, String method, String url,
        String path, Map<String, String> headers, Map<String, String> query, JsonNode body) {

    static final String MASK = "***";
    /** A body longer than this (as JSON text) shows as its first characters. */
    static final int BODY_CHARS = 4_000;
    private static final Pattern SENSITIVE = Pattern.compile(
            "(?i)(.*(authorization|cookie|token|secret|password|passwd|api[-_]?key|apikey|credential|signature|"
                    + "private[-_]?key|session).*|key|pass|pwd|sig)");

    static RequestExcerpt of(String requestJson, JsonMapper json) {
        if (requestJson == null) {
            return null;
        }
        StepRequest request = json.readValue(requestJson, StepRequest.class);
        return new RequestExcerpt(request.kind() == null ? null : request.kind().name().toLowerCase(Locale.ROOT),
                request.connector(), request.operation(), request.method(), maskUrl(request.url()), request.path(),
                masked(request.headers()), masked(request.query()), body(request.body(), json));
    }

    static boolean sensitive(String name) {
        return name != null && SENSITIVE.matcher(name).matches();
    }

    private static String value(String name, String value) {
        if (value == null || !sensitive(name) || value.contains("{{secret:")) {
            return value;
        }
        return MASK;
    }

    private static Map<String, String> masked(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return values;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, value(name, value)));
        return copy;
    }

    /** A raw URL's user info and credential-like query values, masked. */
    private static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            StringBuilder out = new StringBuilder();
            if (uri.getScheme() != null) {
                out.append(uri.getScheme()).append("://");
            }
            if (uri.getRawUserInfo() != null) {
                out.append(MASK).append('@');
            }
            if (uri.getHost() != null) {
                out.append(uri.getHost());
            }
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
            out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                out.append('?');
                String[] pairs = uri.getRawQuery().split("&", -1);
                for (int i = 0; i < pairs.length; i++) {
                    int eq = pairs[i].indexOf('=');
                    String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
                    out.append(i == 0 ? "" : "&").append(eq < 0 || !sensitive(name) ? pairs[i]
                            : name + "=" + value(name, pairs[i].substring(eq + 1)));
                }
            }
            return out.toString();
        } catch (IllegalArgumentException unparsable) {
            return MASK;
        }
    }

    private static JsonNode body(JsonNode body, JsonMapper json) {
        if (body == null || body.isNull()) {
            return null;
        }
        JsonNode masked = maskFields(body.deepCopy());
        String text = json.writeValueAsString(masked);
        if (text.length() <= BODY_CHARS) {
            return masked;
        }
        return JsonNodeFactory.instance.stringNode(text.substring(0, BODY_CHARS) + "… (" + text.length()
                + " characters in all)");
    }

    private static JsonNode maskFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                JsonNode child = object.get(name);
                if (sensitive(name) && child.isValueNode() && !child.asString("").contains("{{secret:")) {
                    object.put(name, MASK);
                } else {
                    maskFields(child);
                }
            }
        } else if (node.isArray()) {
            node.forEach(RequestExcerpt::maskFields);
        }
        return node;
    }
}
