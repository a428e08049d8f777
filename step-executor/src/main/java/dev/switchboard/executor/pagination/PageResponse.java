package dev.switchboard.executor.pagination;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One page's answer: its status, headers (every value of a repeated header), parsed body (JSON, or
 * a string node for text) and size in bytes on the wire, which counts towards the step's limit.
 * Header names are kept case-insensitive because servers differ in how they spell {@code Link}.
 */
public record PageResponse(int status, Map<String, List<String>> headers, JsonNode body, long bytes)
        implements FetchResult {

    public PageResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> copy.merge(name, values == null ? List.of() : List.copyOf(values),
                    (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? JsonNodeFactory.instance.nullNode() : body;
    }
}
