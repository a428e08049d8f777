package dev.switchboard.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.expressions.JavaScriptSandbox;
import dev.switchboard.expressions.TemplateRenderer;
import dev.switchboard.orchestrator.schema.SchemaViolations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A connector operation's parameters: checked against its schema, placed by {@code in}. */
class OperationRenderingTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final RegistryView registry = mock(RegistryView.class);
    private final RequestRenderer renderer = new RequestRenderer(registry,
            new TemplateRenderer(new JavaScriptSandbox()), new SchemaViolations());

    OperationRenderingTest() {
        when(registry.connector("acme", "crm")).thenReturn(Optional.of(json.readTree("""
                {"namespace": "acme", "name": "crm", "type": "http", "baseUrl": "https://crm.example.com",
                 "operations": [{"name": "find", "method": "GET", "path": "/teams/{team}/users",
                   "parameters": {"type": "object", "required": ["team"], "properties": {
                     "team": {"type": "string", "in": "path"},
                     "ids": {"type": "array", "items": {"type": "integer"}, "in": "query"},
                     "tags": {"type": "array", "items": {"type": "string"}, "in": "query", "explode": false},
                     "limit": {"type": "integer", "in": "query"},
                     "X-Tenant": {"type": "string", "in": "header"}}}}]}""")));
    }

    @Test
    void eachParameterGoesWhereItsInSaysAndArraysRepeatUnlessExplodeIsFalse() {
        StepRequest request = renderer.render(step("""
                {"team": "core team", "ids": [1, 2], "tags": ["a", "b"], "limit": "<<limit>>", "X-Tenant": "t1"}"""),
                json.readTree("{\"limit\": 5}"));

        assertThat(request.path()).isEqualTo("/teams/core%20team/users");
        assertThat(request.repeatedQuery()).containsEntry("ids", List.of("1", "2"));
        assertThat(request.query()).containsEntry("tags", "a,b").containsEntry("limit", "5");
        assertThat(request.headers()).containsEntry("X-Tenant", "t1");
    }

    @Test
    void parametersThatDoNotMatchTheSchemaFailBeforeAnyCallNamingThem() {
        assertThatThrownBy(() -> renderer.render(step("{\"team\": \"core\", \"limit\": \"<<word>>\"}"),
                json.readTree("{\"word\": \"many\"}")))
                .isInstanceOfSatisfying(StepPlanningException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_PARAMETERS");
                    assertThat(e.getMessage()).contains("parameters.limit");
                });
        assertThatThrownBy(() -> renderer.render(step("{\"ids\": [1]}"), json.readTree("{}")))
                .isInstanceOfSatisfying(StepPlanningException.class, e ->
                        assertThat(e.getMessage()).contains("team"));
    }

    @Test
    void aPagePlaceholderIsLeftForTheExecutorToJudge() {
        JsonNode step = json.readTree("""
                {"id": "users", "connector": "acme/crm", "operation": "find",
                 "parameters": {"team": "core", "limit": "<<limit>>"},
                 "pagination": {"type": "offsetBased", "pageSize": 50}}""");

        assertThat(renderer.render(step, json.readTree("{}")).query()).containsEntry("limit", "<<limit>>");
    }

    @Test
    void anOperationsRequestBodyTemplateIsFilledFromItsParametersAndIsTheBody() {
        when(registry.connector("acme", "db")).thenReturn(Optional.of(json.readTree("""
                {"namespace": "acme", "name": "db", "type": "postgres", "baseUrl": "postgres://db.example.com/app",
                 "operations": [{"name": "user_by_id",
                   "parameters": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
                   "requestBody": {"query": "SELECT * FROM users WHERE id = $1", "params": ["<<id>>"]}}]}""")));
        JsonNode step = json.readTree("""
                {"id": "user", "connector": "acme/db", "operation": "user_by_id", "parameters": {"id": "<<userId>>"}}""");

        StepRequest request = renderer.render(step, json.readTree("{\"userId\": 42}"));

        assertThat(request.kind().wire()).isEqualTo("postgres");
        assertThat(request.body()).isEqualTo(json.readTree("""
                {"query": "SELECT * FROM users WHERE id = $1", "params": [42]}"""));
    }

    private JsonNode step(String parameters) {
        return json.readTree("""
                {"id": "users", "connector": "acme/crm", "operation": "find", "parameters": %s}"""
                .formatted(parameters));
    }
}
