package dev.switchboard.executor.pagination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** An in-memory API for the tests: answers each page with {@code api} and keeps every request it got. */
final class RecordingFetcher implements PageFetcher {

    final List<PageRequest> requests = new ArrayList<>();
    private final Function<PageRequest, FetchResult> api;

    RecordingFetcher(Function<PageRequest, FetchResult> api) {
        this.api = api;
    }

    @Override
    public FetchResult fetch(PageRequest request) {
        requests.add(request);
        return api.apply(request);
    }

    /** A 200 whose size is its JSON text's, as on the wire. */
    static PageResponse ok(JsonNode body) {
        return ok(body, Map.of());
    }

    static PageResponse ok(JsonNode body, Map<String, List<String>> headers) {
        return new PageResponse(200, headers, body, body.toString().length());
    }

    List<String> query(String name) {
        return requests.stream().map(request -> request.query().get(name)).toList();
    }
}
