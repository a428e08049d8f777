package dev.switchboard.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.expressions.ExpressionError;
import dev.switchboard.expressions.JavaScriptSandbox;
import dev.switchboard.expressions.TemplateRenderer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestRendererTest {

    private final JsonMapper json = JsonMapper.builder().build();
    // raw url steps never look a connector up, so no registry is needed
    private final RequestRenderer renderer = new RequestRenderer(null, new TemplateRenderer(new JavaScriptSandbox()), null);

    @Test
    void aPaginatedStepKeepsThePagePlaceholdersForTheExecutor() {
        StepRequest request = renderer.render(step("""
                , "pagination": {"type": "cursorBased", "pageSize": 50, "cursorPath": "meta.next"}"""),
                json.readTree("{\"team\": \"core\"}"));

        assertThat(request.url()).isEqualTo("https://api.example.com/teams/core/events?page=<<page>>");
        assertThat(request.query()).containsEntry("offset", "<<offset>>").containsEntry("limit", "<<limit>>")
                .containsEntry("after", "<<cursor>>").containsEntry("team", "core");
        assertThat(request.headers()).containsEntry("X-Page", "<<page>>");
        assertThat(request.body()).isEqualTo(json.readTree("{\"cursor\": \"<<cursor>>\", \"size\": \"<<limit>>\"}"));
        assertThat(request.pagination().path("type").asString()).isEqualTo("cursorBased");
    }

    @Test
    void withoutPaginationThePlaceholdersAreUnresolvedTemplates() {
        assertThatThrownBy(() -> renderer.render(step(""), json.readTree("{\"team\": \"core\"}")))
                .isInstanceOfSatisfying(ExpressionError.class, e -> {
                    assertThat(e.code()).isEqualTo(ExpressionError.UNRESOLVED);
                    assertThat(e.getMessage()).contains("'page' is not in sourceData");
                });
    }

    @Test
    void anInputOfTheSameNameKeepsItsValueInAPaginatedStep() {
        StepRequest request = renderer.render(step("""
                , "pagination": {"type": "offsetBased", "pageSize": 50}"""),
                json.readTree("{\"team\": \"core\", \"limit\": 7}"));

        assertThat(request.query()).containsEntry("limit", "7").containsEntry("offset", "<<offset>>");
        assertThat(request.body().get("size").asInt()).isEqualTo(7);
    }

    private JsonNode step(String pagination) {
        return json.readTree("""
                {"id": "events", "method": "POST",
                 "url": "https://api.example.com/teams/<<team>>/events?page=<<page>>",
                 "queryParams": {"offset": "<<offset>>", "limit": "<<limit>>", "after": "<<cursor>>",
                                 "team": "<<team>>"},
                 "headers": {"X-Page": "<<page>>"},
                 "body": {"cursor": "<<cursor>>", "size": "<<limit>>"}%s}""".formatted(pagination));
    }
}
