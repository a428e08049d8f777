package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyApiIT extends RegistryFixture {

    static final String DOCUMENT = """
            connectors:
              - namespace: demo
                name: crm
                type: http
                baseUrl: https://crm.demo.test
                auth: {type: api_key, position: header, header: X-API-Key, secret: crm_key}
                retry: {maxAttempts: 3, backoffMs: 200}
                rateLimit: {perSecond: 2.5}
                operations:
                  - name: list_users
                    method: GET
                    path: /users
                    parameters:
                      type: object
                      properties:
                        page: {type: integer, in: query}
            tools:
              - id: all-users
                steps:
                  - id: users
                    connector: demo/crm
                    operation: list_users
                    parameters: {page: 1}
            agents:
              - namespace: demo
                name: bot
                enabledConnectors:
                  - connector: demo/crm
            """;

    @Test
    void applyingTwiceCreatesThenReportsUnchanged() {
        HttpResponse<String> first = apply(DOCUMENT);
        HttpResponse<String> second = apply(DOCUMENT);
        HttpResponse<String> third = apply(DOCUMENT.replace("https://crm.demo.test", "https://crm2.demo.test"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(body(first).get("items").findValuesAsString("outcome")).containsExactly("created", "created",
                "created");
        assertThat(body(first).get("items").findValuesAsString("ref")).containsExactly("demo/crm", "all-users",
                "demo/bot");
        assertThat(body(second).get("items").findValuesAsString("outcome")).containsExactly("unchanged",
                "unchanged", "unchanged");
        assertThat(body(third).get("items").findValuesAsString("outcome")).containsExactly("updated", "unchanged",
                "unchanged");
        assertThat(body(api().get("/api/v1/connectors/demo/crm", ALICE)).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void oneInvalidItemWritesNothingAndEveryProblemIsListed() {
        HttpResponse<String> refused = apply(DOCUMENT
                .replace("operation: list_users", "operation: list_userz")
                .replace("name: bot", "name: Bot"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused)).containsExactlyInAnyOrder(
                "tool:all-users steps[0].operation: connector 'demo/crm' has no operation 'list_userz'; it has"
                        + " [list_users]",
                "agent:demo/Bot name: must be 1-64 lowercase letters, digits, '-' or '_'");
        assertThat(api().get("/api/v1/connectors/demo/crm", ALICE).statusCode()).isEqualTo(404);
        assertThat(mongo.getCollection("namespaces").countDocuments()).isZero();
    }

    @Test
    void unreadableItemsAreNamedByPosition() {
        HttpResponse<String> refused = apply("""
                connectors:
                  - {namespace: demo, name: a, type: http, baseUrl: "https://a.test", timeoutMs: soon}
                  - 42
                colours: [red]
                """);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused)).hasSize(1).first().asString().startsWith("colours: unknown field");
        HttpResponse<String> items = apply("""
                connectors:
                  - {namespace: demo, name: a, type: http, baseUrl: "https://a.test", timeoutMs: soon}
                  - 42
                """);
        assertThat(errors(items)).containsExactly("connector:demo/a timeoutMs: must be a number",
                "connector:#1 : must be an object");
    }

    @Test
    void jsonWorksTooAndMalformedDocumentsAreRefused() {
        assertThat(api().send("POST", "/api/v1/connectors/apply", ALICE, "application/json",
                "{\"connectors\": []}", Map.of()).statusCode()).isEqualTo(200);
        assertThat(errors(apply("connectors: [\n  - {"))).singleElement().asString().startsWith("body:");
        assertThat(errors(apply(""))).singleElement().asString().startsWith("body:");
    }

    @Test
    void theShippedExamplesApply() throws Exception {
        for (String example : new String[] {"jsonplaceholder.yaml", "slack.yaml"}) {
            String text = Files.readString(Path.of("..", "examples", example));
            HttpResponse<String> applied = apply(text);
            assertThat(applied.statusCode()).as(example + ": " + applied.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> apply(String yaml) {
        return api().send("POST", "/api/v1/connectors/apply", ALICE, "application/yaml", yaml, Map.of());
    }
}
