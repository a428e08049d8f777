package dev.switchboard.executor.pagination;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One page's request, with the pagination placeholders filled (and query parameters, headers and
 * body fields that were only an unset {@code <<cursor>>} left out). Query and headers keep the
 * template's order.
 *
 * <p>{@code link} is set when the page follows a previous page's {@code Link: <…>; rel="next"}
 * header: the caller then requests that URL as it is (resolving a relative one against the
 * previous request's URL) instead of {@code url}/{@code path} and {@code query}, which the link
 * already carries; headers and body still apply.
 */
public record PageRequest(String url, String path, Map<String, String> query, Map<String, String> headers,
        JsonNode body, String link) {

    public boolean followsLink() {
        return link != null;
    }
}
