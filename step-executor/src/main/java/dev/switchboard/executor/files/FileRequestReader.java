package dev.switchboard.executor.files;

import dev.switchboard.executor.call.SecretPlaceholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a file step's rendered body — {@code {operation, path, newPath?, content?, encoding?}}, or an
 * array of them (a batch) — into checked requests. Every operation of a batch is checked before the
 * first is made, so a bad one at the end writes nothing at the start. The registry checks the same
 * rules when a tool is saved; here they are checked again on the rendered values. {@code {{secret:…}}}
 * is filled in paths and content.
 */
final class FileRequestReader {

    static final Set<String> FIELDS = Set.of("operation", "path", "newPath", "content", "encoding");

    private final JsonMapper json;
    private final FileContent content;
    private final int maxOperations;
    private final long maxBytes;

    FileRequestReader(JsonMapper json, FileContent content, int maxOperations, long maxBytes) {
        this.json = json;
        this.content = content;
        this.maxOperations = maxOperations;
        this.maxBytes = maxBytes;
    }

    /** @throws FileCallException {@code INVALID_REQUEST} naming the field, or {@code PATH_OUTSIDE_BASE} */
    FileBatch read(JsonNode body, String base, SecretPlaceholders placeholders) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw FileCallException.invalid("the step has no body: a file step's body is {operation, path, …}"
                    + " or an array of them");
        }
        if (body.isObject()) {
            return new FileBatch(List.of(operation(body, "body", 0, base, placeholders)), false);
        }
        if (!body.isArray()) {
            throw FileCallException.invalid("body must be an object {operation, path, …} or an array of them");
        }
        if (body.isEmpty() || body.size() > maxOperations) {
            throw FileCallException.invalid("body must hold 1 to " + maxOperations + " operations, not "
                    + body.size());
        }
        List<FileRequest> requests = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < body.size(); i++) {
            FileRequest request = operation(body.get(i), "body[" + i + "]", i, base, placeholders);
            total += request.content() == null ? 0 : request.content().length;
            if (total > maxBytes) {
                throw new FileCallException("FILE_TOO_LARGE", "the batch's content is larger than " + maxBytes
                        + " bytes", false);
            }
            requests.add(request);
        }
        return new FileBatch(List.copyOf(requests), true);
    }

    private FileRequest operation(JsonNode node, String at, int index, String base,
            SecretPlaceholders placeholders) {
        if (!node.isObject()) {
            throw FileCallException.invalid(at + " must be an object {operation, path, …}");
        }
        for (String field : node.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw FileCallException.invalid(at + "." + field + " is not a field of a file operation " + "(operation,"
                        + " path, newPath, content, encoding)");
            }
        }
        JsonNode name = node.path("operation");
        if (!name.isString()) {
            throw FileCallException.invalid(at + ".operation is required: one of " + FileOperation.NAMES);
        }
        FileOperation operation = FileOperation.of(name.asString()).orElseThrow(() -> FileCallException.invalid(
                at + ".operation '" + name.asString() + "' is not a file operation: one of " + FileOperation.NAMES));
        RemotePath path = RemotePath.resolve(base, text(node, at, "path", placeholders), at + ".path");
        RemotePath newPath = null;
        if (operation == FileOperation.RENAME) {
            newPath = RemotePath.resolve(base, text(node, at, "newPath", placeholders), at + ".newPath");
        } else if (node.has("newPath")) {
            throw FileCallException.invalid(at + ".newPath is for rename only");
        }
        Encoding encoding = null;
        if (node.has("encoding")) {
            JsonNode given = node.get("encoding");
            if (!operation.takesEncoding()) {
                throw FileCallException.invalid(at + ".encoding is for get and put only");
            }
            encoding = given.isString() ? Encoding.of(given.asString()).orElse(null) : null;
            if (encoding == null) {
                throw FileCallException.invalid(at + ".encoding must be utf8 or base64");
            }
        }
        byte[] bytes = null;
        if (operation == FileOperation.PUT) {
            JsonNode given = node.get("content");
            if (given == null || given.isNull()) {
                throw FileCallException.invalid(at + ".content is required for put: a string, base64 with"
                        + " encoding: base64, or any JSON value");
            }
            JsonNode filled = given.isString() ? json.getNodeFactory().stringNode(placeholders.fill(given.asString()))
                    : given.isContainer() ? json.readTree(placeholders.fillJson(json.writeValueAsString(given))) : given;
            bytes = content.forFile(path, filled, encoding, at + ".content");
            if (bytes.length > maxBytes) {
                throw new FileCallException("FILE_TOO_LARGE", at + ".content is larger than " + maxBytes + " bytes",
                        false);
            }
        } else if (node.has("content")) {
            throw FileCallException.invalid(at + ".content is for put only");
        }
        return new FileRequest(index, operation, path, newPath, bytes, encoding);
    }

    private static String text(JsonNode node, String at, String field, SecretPlaceholders placeholders) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw FileCallException.invalid(at + "." + field + " is required: a path such as /in/orders.csv");
        }
        return placeholders.fill(value.asString());
    }
}
