package dev.switchboard.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiMergerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void mergesPathsSchemasAndTagsUnderOneBearerScheme() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("registry", json.readTree("""
                {"paths":{"/api/v1/connectors":{"get":{}}},"components":{"schemas":{"Connector":{}}},
                 "tags":[{"name":"connectors"}]}"""));
        documents.put("orchestrator", json.readTree("""
                {"paths":{"/api/v1/runs":{"get":{}},"/api/v1/executions":{"get":{}}},
                 "components":{"schemas":{"Run":{}}}}"""));

        JsonNode merged = OpenApiMerger.merge(documents, List.of("secrets"), "1.2.3");

        assertThat(merged.get("paths").propertyNames()).containsExactly("/api/v1/connectors", "/api/v1/runs",
                "/api/v1/executions");
        assertThat(merged.get("components").get("schemas").propertyNames()).containsExactly("Connector", "Run");
        assertThat(merged.get("tags").get(0).get("name").asString()).isEqualTo("connectors");
        assertThat(merged.get("security").get(0).has("bearerJwt")).isTrue();
        assertThat(merged.get("info").get("version").asString()).isEqualTo("1.2.3");
        assertThat(merged.get("x-unavailable").get(0).asString()).isEqualTo("secrets");
    }

    @Test
    void noDocumentsStillGiveAValidSkeleton() {
        JsonNode merged = OpenApiMerger.merge(Map.of(), List.of(), "dev");

        assertThat(merged.get("openapi").asString()).isEqualTo("3.1.0");
        assertThat(merged.get("paths").isEmpty()).isTrue();
        assertThat(merged.has("x-unavailable")).isFalse();
        assertThat(merged.has("tags")).isFalse();
    }
}
