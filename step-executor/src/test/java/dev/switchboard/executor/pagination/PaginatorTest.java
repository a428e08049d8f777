package dev.switchboard.executor.pagination;

import static dev.switchboard.executor.pagination.RecordingFetcher.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.expressions.JavaScriptSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class PaginatorTest {

    private static final long TEN_MB = 10 * 1024 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Paginator paginator = new Paginator(new JavaScriptSandbox());

    private final PageTemplate offsetQuery = new PageTemplate(null, "/records",
            Map.of("offset", "<<offset>>", "limit", "<<limit>>"), Map.of(), null);

    @Test
    void offsetPaginationOver237RecordsMakesFiveCallsWithSteppedOffsets() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(237,
                Integer.parseInt(request.query().get("offset")), Integer.parseInt(request.query().get("limit")))));

        PagedOutcome outcome = paginator.paginate(settings("{\"type\": \"offsetBased\", \"pageSize\": 50}"),
                offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(ids(outcome.data())).isEqualTo(IntStream.range(0, 237).boxed().toList());
        assertThat(api.query("offset")).containsExactly("0", "50", "100", "150", "200");
        assertThat(api.query("limit")).containsOnly("50");
        assertThat(outcome.calls()).isEqualTo(new CallStats(5, 5));
    }

    @Test
    void pageBasedPaginationCountsPagesFromOneAndTypesWholePlaceholdersInTheBody() {
        PageTemplate template = new PageTemplate(null, "/search/<<page>>", Map.of(), Map.of(),
                json.readTree("{\"page\": \"<<page>>\", \"size\": \"<<limit>>\", \"label\": \"page <<page>>\"}"));
        RecordingFetcher api = new RecordingFetcher(request -> {
            int page = request.body().get("page").intValue();
            int size = request.body().get("size").intValue();
            ObjectNode body = NODES.objectNode();
            body.putObject("data").set("items", records(120, (page - 1) * size, size));
            return ok(body);
        });

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "pageBased", "pageSize": 50, "resultPath": "data.items"}"""), template, api, TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(ids(outcome.data())).isEqualTo(IntStream.range(0, 120).boxed().toList());
        assertThat(api.requests).extracting(PageRequest::path).containsExactly("/search/1", "/search/2", "/search/3");
        assertThat(api.requests.getFirst().body()).isEqualTo(json.readTree(
                "{\"page\": 1, \"size\": 50, \"label\": \"page 1\"}"));
        assertThat(api.requests.get(2).body().get("page").isNumber()).isTrue();
        assertThat(outcome.calls()).isEqualTo(new CallStats(3, 3));
    }

    @Test
    void aFullLastPageCostsOneMoreCallThatComesBackEmpty() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(100,
                Integer.parseInt(request.query().get("offset")), 50)));

        PagedOutcome outcome = paginator.paginate(settings("{\"type\": \"offsetBased\", \"pageSize\": 50}"),
                offsetQuery, api, TEN_MB);

        assertThat(outcome.data()).hasSize(100);
        assertThat(api.query("offset")).containsExactly("0", "50", "100");
    }

    @Test
    void cursorPaginationOver100EventsLeavesTheUnsetCursorOutOfTheFirstRequest() {
        // pages shorter than pageSize do not end cursor pagination: only the cursor does
        PageTemplate template = new PageTemplate(null, "/events",
                Map.of("after", "<<cursor>>", "limit", "<<limit>>"), Map.of("X-Cursor", "<<cursor>>"),
                json.readTree("{\"after\": \"<<cursor>>\", \"note\": \"from <<cursor>>\"}"));
        RecordingFetcher api = new RecordingFetcher(request -> {
            String after = request.query().get("after");
            int from = after == null ? 0 : Integer.parseInt(after.substring("ev-".length()));
            ObjectNode body = NODES.objectNode();
            body.set("events", records(100, from, 20));
            body.putObject("meta").put("next", from + 20 < 100 ? "ev-" + (from + 20) : null);
            return ok(body);
        });

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "cursorBased", "pageSize": 30, "cursorPath": "meta.next", "resultPath": "events"}"""),
                template, api, TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(ids(outcome.data())).isEqualTo(IntStream.range(0, 100).boxed().toList());
        assertThat(api.requests).hasSize(5);
        PageRequest first = api.requests.getFirst();
        assertThat(first.query()).containsOnlyKeys("limit").containsEntry("limit", "30");
        assertThat(first.headers()).isEmpty();
        assertThat(first.body()).isEqualTo(json.readTree("{\"note\": \"from \"}"));
        assertThat(api.query("after")).containsExactly(null, "ev-20", "ev-40", "ev-60", "ev-80");
        assertThat(api.requests.get(1).headers()).containsEntry("X-Cursor", "ev-20");
        assertThat(api.requests.get(1).body()).isEqualTo(json.readTree(
                "{\"after\": \"ev-20\", \"note\": \"from ev-20\"}"));
        assertThat(api.requests).allSatisfy(request -> assertThat(request.followsLink()).isFalse());
    }

    @Test
    void aNumericCursorKeepsItsJsonTypeInTheBody() {
        PageTemplate template = new PageTemplate("https://api.example.com/feed", null, Map.of(), Map.of(),
                json.readTree("{\"since_id\": \"<<cursor>>\"}"));
        RecordingFetcher api = new RecordingFetcher(request -> ok(json.readTree(request.body().has("since_id")
                ? "{\"items\": [{\"id\": 2}], \"next\": null}" : "{\"items\": [{\"id\": 1}], \"next\": 41}")));

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "cursorBased", "pageSize": 1, "cursorPath": "next", "resultPath": "items"}"""),
                template, api, TEN_MB);

        assertThat(ids(outcome.data())).containsExactly(1, 2);
        assertThat(api.requests.get(1).body().get("since_id").isIntegralNumber()).isTrue();
        assertThat(api.requests.get(1).body().get("since_id").intValue()).isEqualTo(41);
    }

    @Test
    void withoutCursorPathTheCursorIsTheLinkHeadersNextUrl() {
        String second = "https://api.example.com/repos?page=2&per_page=2";
        String third = "https://api.example.com/repos?page=3&per_page=2";
        RecordingFetcher api = new RecordingFetcher(request -> {
            if (!request.followsLink()) {
                return ok(records(5, 0, 2), Map.of("link", List.of("<" + second + ">; rel=\"next\", "
                        + "<https://api.example.com/repos?page=3&per_page=2>; rel=\"last\"")));
            }
            if (request.link().equals(second)) {
                return ok(records(5, 2, 2), Map.of("Link", List.of("<https://api.example.com/repos?page=1>; "
                        + "rel=\"prev first\"", "<" + third + ">; rel=next")));
            }
            return ok(records(5, 4, 2), Map.of("Link", List.of("<https://api.example.com/repos?page=2>; rel=\"prev\"")));
        });

        PagedOutcome outcome = paginator.paginate(settings("{\"type\": \"cursorBased\", \"pageSize\": 2}"),
                new PageTemplate(null, "/repos", Map.of("per_page", "<<limit>>"), Map.of(), null), api, TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(ids(outcome.data())).containsExactly(0, 1, 2, 3, 4);
        assertThat(api.requests).extracting(PageRequest::link).containsExactly(null, second, third);
        assertThat(api.requests.getFirst().query()).containsEntry("per_page", "2");
    }

    @Test
    void theStopConditionStopsAfterThePageItAccepts() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(1000,
                Integer.parseInt(request.query().get("offset")), 50)));

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "offsetBased", "pageSize": 50,
                 "stopCondition": "(response, pageInfo) => pageInfo.totalFetched >= 120"}"""), offsetQuery, api,
                TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.data()).hasSize(150);
        assertThat(api.query("offset")).containsExactly("0", "50", "100");
    }

    @Test
    void theStopConditionSeesTheResponseAndWhereThePageIs() {
        RecordingFetcher api = new RecordingFetcher(request -> {
            String after = request.query().get("after");
            boolean last = "c2".equals(after);
            ObjectNode body = NODES.objectNode();
            body.set("items", records(100, after == null ? 0 : last ? 20 : 10, 10));
            body.put("next", after == null ? "c1" : "c2");
            return new PageResponse(200, Map.of("X-Done", List.of(last ? "yes" : "no")), body, 10);
        });
        String condition = "(response, pageInfo) => response.status === 200 && response.headers['x-done'] === 'yes'"
                + " && pageInfo.page === 3 && pageInfo.cursor === 'c2' && pageInfo.offset === 20"
                + " && pageInfo.totalFetched === 30 && response.data.next === 'c2'";

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "cursorBased", "pageSize": 10, "cursorPath": "next", "resultPath": "items",
                 "maxPages": 4, "stopCondition": "%s"}""".formatted(condition)),
                new PageTemplate(null, "/x", Map.of("after", "<<cursor>>"), Map.of(), null), api, TEN_MB);

        // without every pageInfo field right, page 3 would not stop and page 4 would hit maxPages
        assertThat(outcome.success()).as("%s", outcome.error()).isTrue();
        assertThat(api.requests).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "() => { throw new Error('upstream said no') } | EXPRESSION_ERROR | upstream said no",
            "(response) => response.data.length             | EXPRESSION_ERROR | must return true or false, but returned 50",
            "(response) => { response.data.length }         | EXPRESSION_ERROR | returned nothing",
            "(response) => { while (true) {} }              | EXPRESSION_TIMEOUT | stopCondition"})
    void aStopConditionThatThrowsOrAnswersNoBooleanFailsTheStep(String condition, String code, String message) {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(1000, 0, 50)));
        ObjectNode pagination = (ObjectNode) settings("{\"type\": \"offsetBased\", \"pageSize\": 50}");
        pagination.put("stopCondition", condition);

        PagedOutcome outcome = paginator.paginate(pagination, offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo(code);
        assertThat(outcome.error().message()).contains("pagination.stopCondition").contains(message);
        assertThat(api.requests).hasSize(1);
    }

    @Test
    void reachingMaxPagesWithMoreLeftFailsWithPaginationLimit() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(10_000,
                Integer.parseInt(request.query().get("offset")), 50)));

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "offsetBased", "pageSize": 50, "maxPages": 3}"""), offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.data()).isNull();
        assertThat(outcome.error().code()).isEqualTo("PAGINATION_LIMIT");
        assertThat(outcome.error().message()).contains("maxPages").contains("3");
        assertThat(outcome.calls()).isEqualTo(new CallStats(3, 3));
    }

    @Test
    void onLimitStopKeepsWhatMaxPagesFetched() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(10_000,
                Integer.parseInt(request.query().get("offset")), 50)));

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "offsetBased", "pageSize": 50, "maxPages": 3, "onLimit": "stop"}"""), offsetQuery, api,
                TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(ids(outcome.data())).isEqualTo(IntStream.range(0, 150).boxed().toList());
        assertThat(api.requests).hasSize(3);
    }

    @Test
    void aListThatEndsOnTheLastAllowedPageIsNoLimit() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(120,
                Integer.parseInt(request.query().get("offset")), 50)));

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "offsetBased", "pageSize": 50, "maxPages": 3}"""), offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.data()).hasSize(120);
    }

    @Test
    void anApiThatIgnoresTheOffsetFailsWithPaginationLoop() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(1000, 0, 50)));

        PagedOutcome outcome = paginator.paginate(settings("{\"type\": \"offsetBased\", \"pageSize\": 50}"),
                offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("PAGINATION_LOOP");
        assertThat(outcome.error().message()).contains("page 2").contains("<<offset>>");
        assertThat(api.requests).hasSize(2);
    }

    @Test
    void pagesTogetherOverTheByteLimitFailWithResponseTooLarge() {
        RecordingFetcher api = new RecordingFetcher(request -> new PageResponse(200, Map.of(),
                records(1000, Integer.parseInt(request.query().get("offset")), 50), 400));

        PagedOutcome tooLarge = paginator.paginate(settings("{\"type\": \"offsetBased\", \"pageSize\": 50}"),
                offsetQuery, api, 1000);
        PagedOutcome atTheLimit = paginator.paginate(settings("""
                {"type": "offsetBased", "pageSize": 50, "maxPages": 3, "onLimit": "stop"}"""), offsetQuery,
                new RecordingFetcher(request -> new PageResponse(200, Map.of(), records(1000,
                        Integer.parseInt(request.query().get("offset")), 50), 400)), 1200);

        assertThat(tooLarge.success()).isFalse();
        assertThat(tooLarge.error().code()).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(tooLarge.error().message()).contains("1000 bytes");
        assertThat(api.requests).hasSize(3);
        assertThat(atTheLimit.success()).isTrue();
        assertThat(atTheLimit.data()).hasSize(150);
    }

    @Test
    void aPageThatFailsEndsThePaginationWithItsOwnError() {
        StepError unavailable = new StepError("HTTP_ERROR", "HTTP 503: {\"error\": \"busy\"}", 503);
        RecordingFetcher api = new RecordingFetcher(request -> request.query().get("offset").equals("50")
                ? new FetchFailure(unavailable) : ok(records(1000, 0, 50)));

        PagedOutcome outcome = paginator.paginate(settings("{\"type\": \"offsetBased\", \"pageSize\": 50}"),
                offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.data()).isNull();
        assertThat(outcome.error()).isEqualTo(unavailable);
        assertThat(outcome.calls()).isEqualTo(new CallStats(2, 1));
    }

    @Test
    void aNon2xxResponseIsAnHttpErrorNotItems() {
        RecordingFetcher api = new RecordingFetcher(request -> new PageResponse(500, Map.of(),
                json.readTree("[{\"error\": \"oops\"}]"), 20));

        PagedOutcome outcome = paginator.paginate(settings("{\"type\": \"pageBased\", \"pageSize\": 50}"),
                offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("HTTP_ERROR");
        assertThat(outcome.error().httpStatus()).isEqualTo(500);
    }

    @Test
    void nullItemsEndThePaginationAsAnEmptyPage() {
        RecordingFetcher api = new RecordingFetcher(request -> request.query().get("offset").equals("0")
                ? ok(json.readTree("{\"data\": " + records(1000, 0, 2) + "}"))
                : ok(json.readTree("{\"data\": null}")));

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "offsetBased", "pageSize": 2, "resultPath": "data"}"""), offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isTrue();
        assertThat(ids(outcome.data())).containsExactly(0, 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"pageSize\": 50}                                     | pagination.type is required",
            "{\"type\": \"linkBased\"}                               | pagination.type 'linkBased' is not one of",
            "{\"type\": \"offsetBased\", \"pageSize\": 0}            | pagination.pageSize must be a whole number above 0",
            "{\"type\": \"offsetBased\", \"pageSize\": -5}           | pagination.pageSize",
            "{\"type\": \"offsetBased\", \"pageSize\": \"50\"}       | pagination.pageSize",
            "{\"type\": \"offsetBased\", \"pageSize\": 2.5}          | pagination.pageSize",
            "{\"type\": \"offsetBased\", \"maxPages\": 0}            | pagination.maxPages",
            "{\"type\": \"offsetBased\", \"onLimit\": \"ignore\"}    | pagination.onLimit 'ignore' is not one of fail, stop",
            "{\"type\": \"offsetBased\", \"resultPath\": \"data..x\"} | pagination.resultPath 'data..x' has an empty segment",
            "{\"type\": \"offsetBased\", \"stopCondition\": \" \"}    | pagination.stopCondition is empty",
            "[\"offsetBased\"]                                       | pagination must be an object"})
    void aBadSettingFailsBeforeAnyRequestNamingTheField(String pagination, String message) {
        RecordingFetcher api = new RecordingFetcher(request -> ok(records(10, 0, 10)));

        PagedOutcome outcome = paginator.paginate(json.readTree(pagination), offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("INVALID_PAGINATION");
        assertThat(outcome.error().message()).contains(message);
        assertThat(api.requests).isEmpty();
        assertThat(outcome.calls()).isEqualTo(new CallStats(0, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "data.items | {\"data\": {\"items\": {\"id\": 1}}}   | pagination.resultPath 'data.items' is an object in page 1's response, not an array",
            "data.items | {\"data\": {\"records\": []}}          | pagination.resultPath 'data.items' is not in page 1's response",
            "''         | {\"items\": []}                          | pagination.resultPath is not set, and page 1's response is an object, not an array; set resultPath to where the items are, e.g. data.items"})
    void aResponseWithoutTheItemsArrayFailsNamingResultPath(String resultPath, String body, String message) {
        RecordingFetcher api = new RecordingFetcher(request -> ok(json.readTree(body)));
        ObjectNode pagination = (ObjectNode) settings("{\"type\": \"pageBased\", \"pageSize\": 10}");
        pagination.put("resultPath", resultPath);

        PagedOutcome outcome = paginator.paginate(pagination, offsetQuery, api, TEN_MB);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("INVALID_PAGINATION");
        assertThat(outcome.error().message()).isEqualTo(message);
        assertThat(outcome.calls()).isEqualTo(new CallStats(1, 1));
    }

    @Test
    void aCursorPathThatSelectsAnObjectFailsNamingCursorPath() {
        RecordingFetcher api = new RecordingFetcher(request -> ok(json.readTree(
                "{\"items\": [1], \"paging\": {\"next\": \"abc\"}}")));

        PagedOutcome outcome = paginator.paginate(settings("""
                {"type": "cursorBased", "pageSize": 1, "cursorPath": "paging", "resultPath": "items"}"""),
                offsetQuery, api, TEN_MB);

        assertThat(outcome.error().code()).isEqualTo("INVALID_PAGINATION");
        assertThat(outcome.error().message()).contains("pagination.cursorPath 'paging' is an object");
    }

    @Test
    void tellsWhetherAStepIsPaginatedAtAll() {
        assertThat(Paginator.isPaginated(null)).isFalse();
        assertThat(Paginator.isPaginated(NODES.nullNode())).isFalse();
        assertThat(Paginator.isPaginated(NODES.missingNode())).isFalse();
        assertThat(Paginator.isPaginated(settings("{\"type\": \"pageBased\"}"))).isTrue();
    }

    private JsonNode settings(String pagination) {
        return json.readTree(pagination);
    }

    /** {@code [{"id": from}, …]}: up to {@code count} of {@code total} records, starting at {@code from}. */
    private static ArrayNode records(int total, int from, int count) {
        ArrayNode page = NODES.arrayNode();
        for (int id = from; id < Math.min(total, from + count); id++) {
            page.addObject().put("id", id);
        }
        return page;
    }

    private static List<Integer> ids(JsonNode items) {
        List<Integer> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").intValue()));
        return ids;
    }
}
