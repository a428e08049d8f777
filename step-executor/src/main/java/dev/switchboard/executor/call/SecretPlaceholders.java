package dev.switchboard.executor.call;

import dev.switchboard.executor.secret.ResolvedSecret;
import dev.switchboard.executor.secret.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Replaces {@code {{secret:NAME}}} with the run's credential NAME, else the user's, else the shared
 * secret, at call time, and
 * remembers every value it put in so that error messages and excerpts can be masked.
 */
public final class SecretPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*secret:([A-Za-z0-9_.-]{1,128})\\s*}}");
    private static final String MASK = "****";

    private final SecretResolver resolver;
    private final String userId;
    private final Map<String, String> credentials;
    private final List<String> used = new ArrayList<>();

    /** {@code credentials} are the run's own (from its request), looked at before any stored secret. */
    public SecretPlaceholders(SecretResolver resolver, String userId, Map<String, String> credentials) {
        this.resolver = resolver;
        this.userId = userId;
        this.credentials = credentials;
        credentials.values().forEach(this::remember);
    }

    public String fill(String text) {
        return fill(text, false);
    }

    /**
     * {@code jsonText} (a JSON document) with each placeholder replaced by the value escaped for a
     * JSON string, so a secret holding a quote or a backslash cannot break the body or add fields.
     */
    public String fillJson(String jsonText) {
        return fill(jsonText, true);
    }

    private String fill(String text, boolean jsonEscaped) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = value(m.group(1));
            if (jsonEscaped) {
                value = new String(JsonStringEncoder.getInstance().quoteAsCharArray(value));
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString();
    }

    /** A secret's value as text: a string as it is; an object's parts are for auth types, not templates. */
    public String value(String name) {
        String given = credentials.get(name);
        if (given != null) {
            return given;
        }
        ResolvedSecret secret = resolver.resolve(name, userId);
        String value = secret.value().isString() ? secret.value().asString() : secret.value().toString();
        remember(value);
        return value;
    }

    public void remember(String value) {
        if (value != null && value.length() >= 4) {
            used.add(value);
            // as it appears inside JSON text (an error body, an echoed request), if that differs
            String escaped = new String(JsonStringEncoder.getInstance().quoteAsCharArray(value));
            if (!escaped.equals(value)) {
                used.add(escaped);
            }
        }
    }

    /** {@code text} with every secret value used for this call replaced by {@code ****}. */
    public String mask(String text) {
        String masked = text;
        for (String value : used) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }
}
