package dev.switchboard.registry.definition;

import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a failure to read a request body into the field at fault, in the dotted form the rest of
 * the API uses ({@code operations[2].parameters}). A credential put where only a secret's name
 * belongs gets a message that says to use a secret, never an echo of the value.
 */
public final class BodyReadErrors {

    /** Field names that carry a credential value, refused in favour of a named secret. */
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("token", "password", "value", "apikey", "api_key",
            "key", "clientsecret", "client_secret", "secretvalue", "secret_value", "credentials", "accesstoken",
            "access_token", "bearer", "privatekey", "private_key", "username", "user", "clientid", "client_id");

    private BodyReadErrors() {
    }

    public static FieldError toFieldError(JacksonException e) {
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            if (isCredential(unknown.getPropertyName()) && (field.startsWith("auth.") || !field.contains("."))) {
                return FieldError.of(field, "credential values are not accepted here; store the value with"
                        + " POST /api/v1/secrets and name that secret in auth.secret");
            }
            return FieldError.of(field, "unknown field; expected one of " + unknown.getKnownPropertyIds());
        }
        if (e instanceof PropertyBindingException binding) {
            return FieldError.of(field, "cannot be set: " + binding.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return FieldError.of(field.isEmpty() ? "body" : field, "must be " + expected(mismatch));
        }
        if (e instanceof StreamReadException read) {
            String where = read.getLocation() == null ? "" : " at line " + read.getLocation().getLineNr()
                    + ", column " + read.getLocation().getColumnNr();
            return FieldError.of("body", "is not well-formed" + where + ": " + firstLine(read.getOriginalMessage()));
        }
        return FieldError.of(field.isEmpty() ? "body" : field, firstLine(e.getOriginalMessage()));
    }

    static boolean isCredential(String name) {
        return name != null && CREDENTIAL_FIELDS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "of the right type";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
