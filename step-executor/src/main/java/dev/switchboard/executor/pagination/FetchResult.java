package dev.switchboard.executor.pagination;

/** What a {@link PageFetcher} got for one page: a response, or the error a single call would report. */
public sealed interface FetchResult permits PageResponse, FetchFailure {
}
