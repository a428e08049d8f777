package dev.switchboard.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.expressions.JavaScriptSandbox;
import dev.switchboard.expressions.TemplateRenderer;
import dev.switchboard.orchestrator.schema.SchemaViolations;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A template inside a postgres query would be SQL made from inputs: it is refused with
 * {@code UNSAFE_QUERY} before anything is rendered, unless the connector allows it (ADR 013).
 */
class PostgresQueryTemplateTest {

    private static final String OPERATIONS = """
            "operations": [
              {"name": "by_id", "parameters": {"type": "object", "properties": {"id": {"type": "integer"}}},
               "requestBody": {"query": "SELECT * FROM users WHERE id = $1", "params": ["<<id>>"]}},
              {"name": "by_table", "parameters": {"type": "object", "properties": {"table": {"type": "string"}}},
               "requestBody": {"query": "SELECT * FROM <<table>>"}}]""";

    private final JsonMapper json = JsonMapper.builder().build();
    private final RegistryView registry = mock(RegistryView.class);
    private final RequestRenderer renderer = new RequestRenderer(registry,
            new TemplateRenderer(new JavaScriptSandbox()), new SchemaViolations());

    PostgresQueryTemplateTest() {
        when(registry.connector("acme", "db")).thenReturn(Optional.of(connector("db", "")));
        when(registry.connector("acme", "open")).thenReturn(Optional.of(connector("open",
                ", \"allowQueryTemplates\": true")));
    }

    @Test
    void valuesRenderIntoParamsAndTheQueryStaysAsWritten() {
        StepRequest request = renderer.render(json.readTree("""
                {"id": "q", "connector": "acme/db",
                 "body": {"query": "SELECT * FROM users WHERE name = $1", "params": ["<<name>>"]}}"""),
                json.readTree("{\"name\": \"'; drop table users; --\"}"));

        assertThat(request.kind()).isEqualTo(StepKind.POSTGRES);
        assertThat(request.body().get("query").asString()).isEqualTo("SELECT * FROM users WHERE name = $1");
        assertThat(request.body().get("params").get(0).asString()).isEqualTo("'; drop table users; --");
    }

    @Test
    void aTemplateInARawStepsQueryIsRefusedBeforeRendering() {
        // the lookup would not even resolve: the refusal comes first, so no input is ever evaluated into SQL
        assertUnsafe(json.readTree("""
                {"id": "q", "connector": "acme/db",
                 "body": {"query": "SELECT * FROM users WHERE name = '<<missing>>'"}}"""));
        assertUnsafe(json.readTree("""
                {"id": "q", "connector": "acme/db", "body": "<<(s) => ({query: s.sql})>>"}"""));
    }

    @Test
    void aTemplateInAnOperationsQueryIsRefusedAndOneInItsParamsIsFilled() {
        assertUnsafe(json.readTree("""
                {"id": "q", "connector": "acme/db", "operation": "by_table", "parameters": {"table": "users"}}"""));

        StepRequest request = renderer.render(json.readTree("""
                {"id": "q", "connector": "acme/db", "operation": "by_id", "parameters": {"id": 7}}"""),
                json.readTree("{}"));
        assertThat(request.body().get("params").get(0).asInt()).isEqualTo(7);
    }

    @Test
    void aConnectorThatAllowsQueryTemplatesGetsThemRendered() {
        StepRequest raw = renderer.render(json.readTree("""
                {"id": "q", "connector": "acme/open", "body": {"query": "SELECT * FROM <<table>>"}}"""),
                json.readTree("{\"table\": \"users\"}"));
        StepRequest operation = renderer.render(json.readTree("""
                {"id": "q", "connector": "acme/open", "operation": "by_table", "parameters": {"table": "teams"}}"""),
                json.readTree("{}"));

        assertThat(raw.body().get("query").asString()).isEqualTo("SELECT * FROM users");
        assertThat(operation.body().get("query").asString()).isEqualTo("SELECT * FROM teams");
    }

    @Test
    void anHttpBodyWithAQueryFieldIsNotAffected() {
        when(registry.connector("acme", "search")).thenReturn(Optional.of(json.readTree("""
                {"namespace": "acme", "name": "search", "type": "http", "baseUrl": "https://search.example.com"}""")));

        StepRequest request = renderer.render(json.readTree("""
                {"id": "q", "connector": "acme/search", "method": "POST", "path": "/find",
                 "body": {"query": "name:<<name>>"}}"""), json.readTree("{\"name\": \"ada\"}"));

        assertThat(request.body().get("query").asString()).isEqualTo("name:ada");
    }

    private void assertUnsafe(JsonNode step) {
        assertThatThrownBy(() -> renderer.render(step, json.readTree("{\"sql\": \"DROP TABLE users\"}")))
                .isInstanceOfSatisfying(StepPlanningException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSAFE_QUERY");
                    assertThat(e.getMessage()).contains("allowQueryTemplates").doesNotContain("DROP");
                });
    }

    private JsonNode connector(String name, String extra) {
        return json.readTree("""
                {"namespace": "acme", "name": "%s", "type": "postgres", "baseUrl": "postgres://db.example.com/app",
                 %s%s}""".formatted(name, OPERATIONS, extra));
    }
}
