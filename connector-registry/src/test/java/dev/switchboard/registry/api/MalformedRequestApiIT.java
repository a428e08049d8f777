package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests the bad-input sweep (standalone PublicApiFuzzIT) found answered with a 500 or with a
 * problem that had no type: each is now a typed 4xx problem, and nothing is stored.
 */
class MalformedRequestApiIT extends RegistryFixture {

    @Test
    void aQueryThatIsNotUtf8IsA400NamingTheQuery() {
        HttpResponse<String> response = api().get("/api/v1/connectors?namespace=%ED%A0%80", ALICE);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertProblem(response, "https://switchboard.dev/problems/validation");
        assertThat(errors(response)).containsExactly("query: is not valid percent-encoded UTF-8");
    }

    @Test
    void aWildcardContentTypeIsA415AndStoresNothing() {
        for (String wildcard : new String[] {"*/*", "application/*"}) {
            HttpResponse<String> response = api().send("POST", "/api/v1/connectors", ALICE, wildcard, CRM,
                    Map.of());

            assertThat(response.statusCode()).as(wildcard + ": " + response.body()).isEqualTo(415);
            assertProblem(response, "https://switchboard.dev/problems/unsupported-media-type");
        }
        assertThat(mongo.getCollection("connectors").countDocuments()).isZero();
    }

    @Test
    void aJsonDocumentSentAsAFormIsA400AndStoresNothing() {
        HttpResponse<String> response = api().send("POST", "/api/v1/connectors/apply", ALICE,
                "application/x-www-form-urlencoded", "{\"connectors\": [" + CRM + "]}", Map.of());

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(response).path("type").asString()).startsWith("https://switchboard.dev/problems/");
        assertThat(mongo.getCollection("connectors").countDocuments()).isZero();
    }

    @Test
    void springsOwnProblemsGetATypeToo() {
        HttpResponse<String> wrongMethod = api().send("PATCH", "/api/v1/connectors", ALICE, null, null, Map.of());
        HttpResponse<String> noSuchPath = api().get("/api/v1/agents/x", ALICE);

        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertProblem(wrongMethod, "https://switchboard.dev/problems/method-not-allowed");
        assertThat(noSuchPath.statusCode()).isEqualTo(404);
        assertProblem(noSuchPath, "https://switchboard.dev/problems/not-found");
    }

    @Test
    void anOpenApi31DocumentParses() {
        HttpResponse<String> response = api().send("POST", "/api/v1/connectors/parse-openapi", ALICE,
                "application/yaml", """
                        openapi: 3.1.0
                        info: {title: Items, version: "1"}
                        paths:
                          /items:
                            get:
                              operationId: listItems
                              responses: {"200": {description: ok}}
                        """, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).at("/operations/0/name").asString()).isEqualTo("list_items");
    }

    /** An element of operations that is not a name made asString() throw, a 500. */
    @Test
    void importOperationsThatAreNotNamesAreA400() {
        createCrm();

        HttpResponse<String> response = api().post("/api/v1/connectors/acme/crm/import-openapi", ALICE, """
                {"spec": {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}},
                 "operations": [["list_users"], 2]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errors(response)).singleElement().asString().startsWith("operations:");
    }

    /** A connector with no type reached Set.of(..).contains(null) in the file-step check: a 500. */
    @Test
    void anAppliedConnectorWithoutATypeIsA400NamingTheField() {
        HttpResponse<String> response = api().send("POST", "/api/v1/connectors/apply", ALICE, "application/yaml", """
                connectors:
                  - namespace: acme
                    name: untyped
                    operations:
                      - {name: ping, path: /ping}
                """, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errors(response)).anySatisfy(e -> assertThat(e).contains("type:"));
        assertThat(mongo.getCollection("connectors").countDocuments()).isZero();
    }

    private void assertProblem(HttpResponse<String> response, String type) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(response).path("type").asString()).isEqualTo(type);
        assertThat(body(response).path("title").isString()).isTrue();
        assertThat(body(response).path("status").asInt()).isEqualTo(response.statusCode());
    }
}
