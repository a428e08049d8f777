package dev.switchboard.secrets.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** What a secret must be; every message names the field and none repeats the value. */
final class SecretRules {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    static final int MAX_VALUE_BYTES = 64 * 1024;

    private SecretRules() {
    }

    static List<FieldError> forCreate(SecretInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.name() == null || !NAME.matcher(input.name()).matches()) {
            errors.add(new FieldError("name", "is required: 1-128 letters, digits, '_', '.' or '-'"));
        }
        if (input.scope() == null || !(input.scope().equals(SecretDocument.SHARED)
                || input.scope().equals(SecretDocument.PRIVATE))) {
            errors.add(new FieldError("scope", "must be shared or private"));
        }
        errors.addAll(forValue(input));
        return errors;
    }

    static List<FieldError> forValue(SecretInput input) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode value = input.value();
        if (value == null || value.isNull() || (value.isString() && value.asString().isEmpty())) {
            errors.add(new FieldError("value", "is required: a string, or an object of strings"));
        } else if (value.isObject()) {
            if (value.isEmpty()) {
                errors.add(new FieldError("value", "must not be an empty object"));
            }
            value.properties().forEach(e -> {
                if (!e.getValue().isString()) {
                    errors.add(new FieldError("value." + e.getKey(), "must be a string"));
                }
            });
        } else if (!value.isString()) {
            errors.add(new FieldError("value", "must be a string, or an object of strings"));
        }
        if (errors.isEmpty() && plaintext(value).length > MAX_VALUE_BYTES) {
            errors.add(new FieldError("value", "must be at most 64 KB"));
        }
        if (input.description() != null && input.description().length() > 1000) {
            errors.add(new FieldError("description", "must be at most 1000 characters"));
        }
        return errors;
    }

    /** The bytes that get encrypted: a string as UTF-8, an object as its JSON text. */
    static byte[] plaintext(JsonNode value) {
        String text = value.isString() ? value.asString() : value.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record FieldError(String field, String message) {
    }
}
