package dev.switchboard.executor.pagination;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A path such as {@code data.items} or {@code meta.pages.0.next} into a response body: object keys,
 * and array indexes for segments made of digits. The empty path is the body itself.
 */
record DotPath(String text, List<String> segments) {

    static final DotPath ROOT = new DotPath("", List.of());

    static DotPath parse(String field, String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("$.")) {
            // JSONPath habit; the rest is the same dot path
            trimmed = trimmed.substring(2);
        }
        if (trimmed.isEmpty()) {
            return ROOT;
        }
        List<String> segments = List.of(trimmed.split("\\.", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw PaginationFailure.invalid(field, "'" + text + "' has an empty segment; write a dot path such"
                    + " as data.items");
        }
        return new DotPath(trimmed, segments);
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The node at this path, or a missing node when some segment is absent. */
    JsonNode select(JsonNode body) {
        JsonNode current = body;
        for (String segment : segments) {
            if (current.isObject()) {
                current = current.path(segment);
            } else if (current.isArray() && segment.length() < 10 && segment.chars().allMatch(Character::isDigit)) {
                current = current.path(Integer.parseInt(segment));
            } else {
                return MissingNode.getInstance();
            }
            if (current.isMissingNode()) {
                return current;
            }
        }
        return current;
    }
}
