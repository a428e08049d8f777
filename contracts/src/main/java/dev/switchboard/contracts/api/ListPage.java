package dev.switchboard.contracts.api;

import java.util.List;

/**
 * The one list shape of the public API (ARCHITECTURE §4): {@code {data, page, limit, total, hasMore}}.
 * Pages count from 1 so that {@code ?page=1} is the first page, as clients expect.
 */
public record ListPage<T>(List<T> data, int page, int limit, long total, boolean hasMore) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ListPage {
        data = List.copyOf(data);
    }

    public static <T> ListPage<T> of(List<T> data, int page, int limit, long total) {
        return new ListPage<>(data, page, limit, total, (long) page * limit < total);
    }

    /** Items to skip in the store for a 1-based page. */
    public static long offset(int page, int limit) {
        return (long) (page - 1) * limit;
    }
}
