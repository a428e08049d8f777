package dev.switchboard.registry.definition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The shape of an FTP or SFTP step's body (a raw step's {@code body}, an operation's
 * {@code requestBody}), checked when the tool or connector is saved so a typo is a 400 naming the
 * field rather than a failed run (docs/steps-files.md): {@code {operation, path, newPath?, content?,
 * encoding?}} or an array of them (a batch). A value that is one template alone ({@code "<<path>>"})
 * may become anything, so only what is literal is judged; the executor checks the rendered body again.
 */
public final class FileStepBodyCheck {

    private static final Set<String> TYPES = Set.of("ftp", "sftp");
    private static final List<String> OPERATIONS = List.of("list", "get", "put", "delete", "rename", "mkdir",
            "rmdir", "exists", "stat");
    private static final List<String> FIELDS = List.of("operation", "path", "newPath", "content", "encoding");
    private static final Pattern WHOLE_TEMPLATE = Pattern.compile("(?s)\\s*<<.*>>\\s*");
    private static final int MAX_OPERATIONS = 1000;

    private FileStepBodyCheck() {
    }

    /** A raw step's body on a connector of {@code connectorType}; a missing body is reported elsewhere. */
    public static void checkStepBody(String connectorType, String field, JsonNode body, List<FieldError> errors) {
        // Set.of(...).contains(null) throws: a connector without a type was a 500
        if (connectorType != null && TYPES.contains(connectorType) && body != null && !body.isNull()) {
            body(field, body, errors);
        }
    }

    /**
     * An operation's requestBody on a connector of {@code connectorType}: required, unless the
     * operation's parameters go into the body themselves ({@code "in": "body"}).
     */
    public static void checkOperationBody(String connectorType, String field, JsonNode requestBody,
            JsonNode parameters, List<FieldError> errors) {
        if (connectorType == null || !TYPES.contains(connectorType)) {
            return;
        }
        if (requestBody == null || requestBody.isNull()) {
            boolean bodyParameters = parameters != null && parameters.path("properties").valueStream()
                    .anyMatch(p -> "body".equals(p.path("in").asString("")));
            if (!bodyParameters) {
                errors.add(FieldError.of(field, "is required for a " + connectorType + " operation: the"
                        + " {operation, path, …} it sends, e.g. {\"operation\": \"get\", \"path\": \"/in/<<file>>\"}"));
            }
            return;
        }
        body(field, requestBody, errors);
    }

    private static void body(String field, JsonNode body, List<FieldError> errors) {
        if (isWholeTemplate(body)) {
            return;
        }
        if (body.isArray()) {
            if (body.isEmpty() || body.size() > MAX_OPERATIONS) {
                errors.add(FieldError.of(field, "a batch holds 1 to " + MAX_OPERATIONS + " operations"));
            }
            for (int i = 0; i < body.size(); i++) {
                if (!isWholeTemplate(body.get(i))) {
                    operation(field + "[" + i + "]", body.get(i), errors);
                }
            }
        } else {
            operation(field, body, errors);
        }
    }

    private static void operation(String at, JsonNode node, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(FieldError.of(at, "must be an object {operation, path, newPath?, content?, encoding?} or an"
                    + " array of them"));
            return;
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(FieldError.of(at + "." + name, "is not a field of a file operation; the fields are "
                        + FIELDS));
            }
        }
        JsonNode operation = node.get("operation");
        String op = null;
        if (operation == null || operation.isNull()) {
            errors.add(FieldError.of(at + ".operation", "is required: one of " + OPERATIONS));
        } else if (!isWholeTemplate(operation)) {
            if (!operation.isString() || !OPERATIONS.contains(operation.asString())) {
                errors.add(FieldError.of(at + ".operation", "'" + operation.asString(operation.toString())
                        + "' is not a file operation: one of " + OPERATIONS));
            } else {
                op = operation.asString();
            }
        }
        path(at + ".path", node.get("path"), errors);
        if ("rename".equals(op)) {
            path(at + ".newPath", node.get("newPath"), errors);
        } else if (op != null && node.has("newPath")) {
            errors.add(FieldError.of(at + ".newPath", "is for rename only"));
        }
        if ("put".equals(op) && (node.get("content") == null || node.get("content").isNull())) {
            errors.add(FieldError.of(at + ".content", "is required for put: a string, base64 with encoding: base64,"
                    + " or any JSON value"));
        } else if (op != null && !"put".equals(op) && node.has("content")) {
            errors.add(FieldError.of(at + ".content", "is for put only"));
        }
        JsonNode encoding = node.get("encoding");
        if (encoding != null && !isWholeTemplate(encoding)) {
            if (op != null && !"get".equals(op) && !"put".equals(op)) {
                errors.add(FieldError.of(at + ".encoding", "is for get and put only"));
            } else if (!encoding.isString() || !List.of("utf8", "base64").contains(encoding.asString())) {
                errors.add(FieldError.of(at + ".encoding", "must be utf8 or base64"));
            }
        }
    }

    /** Required; a literal path must not hold control characters or '\', nor climb above the base. */
    private static void path(String field, JsonNode path, List<FieldError> errors) {
        if (path == null || path.isNull() || path.isString() && path.asString().isBlank()) {
            errors.add(FieldError.of(field, "is required: a path such as /in/orders.csv"));
            return;
        }
        if (isWholeTemplate(path)) {
            return;
        }
        if (!path.isString()) {
            errors.add(FieldError.of(field, "must be a string"));
            return;
        }
        String text = path.asString();
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            errors.add(FieldError.of(field, "must not hold control characters or '\\'"));
        } else if (!text.contains("<<") && climbsAboveBase(text)) {
            errors.add(FieldError.of(field, "'" + text + "' climbs above the connector's base path"));
        }
    }

    private static boolean climbsAboveBase(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return true;
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return false;
    }

    private static boolean isWholeTemplate(JsonNode value) {
        return value.isString() && WHOLE_TEMPLATE.matcher(value.asString()).matches()
                && value.asString().indexOf("<<") == value.asString().lastIndexOf("<<");
    }
}
