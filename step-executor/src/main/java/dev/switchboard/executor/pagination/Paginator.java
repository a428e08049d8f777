package dev.switchboard.executor.pagination;

import dev.switchboard.contracts.event.StepError;
import dev.switchboard.expressions.JavaScriptSandbox;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * Runs the pages of one HTTP step (ARCHITECTURE §5, {@code pagination}) and concatenates their
 * items into one array. Each page's request is the template with {@code <<offset>>} (from 0),
 * {@code <<page>>} (from 1), {@code <<limit>>} (the page size) and {@code <<cursor>>} filled; the
 * HTTP call itself is the caller's {@link PageFetcher}, so this class knows no HTTP client.
 *
 * <p>It ends at an empty page, a page shorter than {@code pageSize} (offset and page based), a
 * missing, null or empty next cursor (cursor based: from {@code cursorPath}, else from a
 * {@code Link: <…>; rel="next"} header), or when {@code stopCondition} returns true, in every case
 * keeping the page that ended it. It fails with {@code PAGINATION_LIMIT} when {@code maxPages}
 * pages were fetched and more remain (unless {@code onLimit} is {@code "stop"}),
 * {@code PAGINATION_LOOP} when a page repeats the previous one (an API ignoring the parameter
 * would otherwise be fetched {@code maxPages} times), {@code RESPONSE_TOO_LARGE} over the byte
 * limit, {@code INVALID_PAGINATION} for a bad setting or a response without the items array, and
 * with a page's own error when it could not be fetched. Safe to share between threads: a call
 * keeps its state on its own stack.
 */
public final class Paginator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MEGABYTE = 1024 * 1024;

    private final JavaScriptSandbox javaScript;

    public Paginator(JavaScriptSandbox javaScript) {
        this.javaScript = Objects.requireNonNull(javaScript, "javaScript");
    }

    /** Whether a step request's {@code pagination} asks for paging at all (absent or null: one call). */
    public static boolean isPaginated(JsonNode pagination) {
        return pagination != null && !pagination.isMissingNode() && !pagination.isNull();
    }

    /**
     * Fetches the pages of one step.
     *
     * @param pagination the step's {@code pagination} settings
     * @param template   the step's request, holding the pagination placeholders
     * @param fetcher    makes one page's request
     * @param maxBytes   the most all pages together may weigh, as a single response may
     */
    public PagedOutcome paginate(JsonNode pagination, PageTemplate template, PageFetcher fetcher, long maxBytes) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(fetcher, "fetcher");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be above 0");
        }
        int requests = 0;
        int pages = 0;
        try {
            PaginationSettings settings = PaginationSettings.read(pagination);
            StopCondition stopCondition = settings.stopCondition() == null ? null
                    : new StopCondition(javaScript, settings.stopCondition());
            ArrayNode all = NODES.arrayNode();
            long bytes = 0;
            ArrayNode previous = null;
            PagePosition position = PagePosition.first(settings.pageSize());
            while (true) {
                requests++;
                FetchResult fetched = fetcher.fetch(PagePlaceholders.render(template, position));
                if (fetched instanceof FetchFailure failure) {
                    return PagedOutcome.failed(failure.error(), requests, pages);
                }
                PageResponse response = (PageResponse) fetched;
                if (response.status() < 200 || response.status() >= 300) {
                    // fetchers report non-2xx as a FetchFailure; this keeps one that does not from
                    // concatenating an error body as if it were items
                    return PagedOutcome.failed(new StepError("HTTP_ERROR", "HTTP " + response.status() + " on page "
                            + position.page(), response.status()), requests, pages);
                }
                pages++;
                bytes += Math.max(0, response.bytes());
                if (bytes > maxBytes) {
                    throw new PaginationFailure(PaginationFailure.TOO_LARGE, "the pages together are larger than "
                            + size(maxBytes) + " (" + bytes + " bytes after page " + position.page() + ")");
                }
                ArrayNode items = items(settings.resultPath(), response.body(), position.page());
                if (!items.isEmpty() && items.equals(previous)) {
                    throw new PaginationFailure(PaginationFailure.LOOP, "page " + position.page() + " has the same "
                            + items.size() + " items as page " + (position.page() - 1) + "; the API seems to ignore "
                            + parameterOf(settings.type()));
                }
                all.addAll(items);
                Next next = settings.type() == PaginationType.CURSOR_BASED ? next(settings, response) : Next.NONE;
                boolean stopped = stopCondition != null && stopCondition.stopsAfter(response, position, all.size());
                if (stopped || isLast(settings, items, next)) {
                    return PagedOutcome.ok(all, requests, pages);
                }
                if (position.page() >= settings.maxPages()) {
                    if (settings.stopAtLimit()) {
                        return PagedOutcome.ok(all, requests, pages);
                    }
                    throw new PaginationFailure(PaginationFailure.LIMIT, "more pages remain after "
                            + settings.maxPages() + " (pagination.maxPages); raise maxPages, or set onLimit to"
                            + " \"stop\" to keep the first " + settings.maxPages());
                }
                previous = items;
                position = position.next(items.size(), next.cursor(), next.link());
            }
        } catch (PaginationFailure e) {
            return PagedOutcome.failed(e.error(), requests, pages);
        }
    }

    private static ArrayNode items(DotPath resultPath, JsonNode body, int page) {
        JsonNode items = resultPath.select(body);
        if (items.isArray()) {
            return (ArrayNode) items;
        }
        if (resultPath.isRoot()) {
            throw PaginationFailure.invalid("resultPath", "is not set, and page " + page + "'s response is "
                    + typeOf(items) + ", not an array; set resultPath to where the items are, e.g. data.items");
        }
        if (items.isNull()) {
            // "items": null is how some APIs say there are no more
            return NODES.arrayNode();
        }
        if (items.isMissingNode()) {
            throw PaginationFailure.invalid("resultPath", "'" + resultPath.text() + "' is not in page " + page
                    + "'s response");
        }
        throw PaginationFailure.invalid("resultPath", "'" + resultPath.text() + "' is " + typeOf(items)
                + " in page " + page + "'s response, not an array");
    }

    private static Next next(PaginationSettings settings, PageResponse response) {
        if (settings.cursorPath().isRoot()) {
            return LinkHeader.next(response.headers().getOrDefault("Link", List.of()))
                    .map(link -> new Next(StringNode.valueOf(link), link)).orElse(Next.NONE);
        }
        JsonNode cursor = settings.cursorPath().select(response.body());
        if (cursor.isMissingNode() || cursor.isNull() || (cursor.isString() && cursor.asString().isEmpty())) {
            return Next.NONE;
        }
        if (!cursor.isString() && !cursor.isNumber()) {
            throw PaginationFailure.invalid("cursorPath", "'" + settings.cursorPath().text() + "' is "
                    + typeOf(cursor) + " in the response, not a cursor (a string or a number)");
        }
        return new Next(cursor, null);
    }

    private static boolean isLast(PaginationSettings settings, ArrayNode items, Next next) {
        // An empty page ends every type: an API that sends an empty page with a cursor would
        // otherwise be fetched until PAGINATION_LOOP.
        if (items.isEmpty()) {
            return true;
        }
        return settings.type() == PaginationType.CURSOR_BASED ? next.cursor() == null
                : items.size() < settings.pageSize();
    }

    private static String parameterOf(PaginationType type) {
        return switch (type) {
            case OFFSET_BASED -> "<<offset>>";
            case PAGE_BASED -> "<<page>>";
            case CURSOR_BASED -> "the cursor";
        };
    }

    private static String typeOf(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return (type.startsWith("o") || type.startsWith("a") ? "an " : "a ") + type;
    }

    private static String size(long bytes) {
        return bytes % MEGABYTE == 0 ? bytes / MEGABYTE + " MB" : bytes + " bytes";
    }

    /** The next page's cursor (null: none) and, for Link headers, the URL to follow. */
    private record Next(JsonNode cursor, String link) {
        static final Next NONE = new Next(null, null);
    }
}
