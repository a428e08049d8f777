package dev.switchboard.executor.pagination;

import tools.jackson.databind.JsonNode;

/**
 * Where a page is: its number (from 1), the items before it ({@code offset}), the page size
 * ({@code limit}) and the cursor it is asked for with ({@code null} on the first page). {@code link}
 * is the previous page's {@code rel="next"} URL when the cursor comes from a Link header.
 */
record PagePosition(int page, long offset, int limit, JsonNode cursor, String link) {

    static PagePosition first(int limit) {
        return new PagePosition(1, 0, limit, null, null);
    }

    PagePosition next(int fetched, JsonNode nextCursor, String nextLink) {
        return new PagePosition(page + 1, offset + fetched, limit, nextCursor, nextLink);
    }

    boolean hasCursor() {
        return cursor != null;
    }
}
