package dev.switchboard.executor.pagination;

/**
 * Makes the HTTP request of one page, exactly as given (the pagination placeholders are already
 * filled), and reports what came back. The paginator knows nothing of HTTP clients, auth or
 * secrets: those stay with the caller, which also knows how a single call reports its errors.
 */
@FunctionalInterface
public interface PageFetcher {

    /**
     * A {@link PageResponse} for a 2xx answer; a {@link FetchFailure} (e.g. {@code HTTP_ERROR}
     * with the status, {@code TIMEOUT}, {@code CONNECTION_FAILED}) otherwise, which ends the
     * pagination with that error as it is.
     */
    FetchResult fetch(PageRequest request);
}
