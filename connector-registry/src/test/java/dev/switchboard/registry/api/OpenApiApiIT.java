package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiApiIT extends RegistryFixture {

    @Test
    void parseShowsOperationsAndSuggestionsWithoutSaving() {
        HttpResponse<String> parsed = api().send("POST", "/api/v1/connectors/parse-openapi", ALICE,
                "application/yaml", resource("petstore-3.0.yaml"), Map.of());
        HttpResponse<String> wrapped = api().post("/api/v1/connectors/parse-openapi", ALICE,
                json.createObjectNode().put("spec", resource("petstore-swagger-2.0.json")).toString());

        assertThat(parsed.statusCode()).as(parsed.body()).isEqualTo(200);
        assertThat(body(parsed).get("operations").valueStream().map(op -> op.get("name").asString()).toList())
                .containsExactly("list_pets", "create_pets", "show_pet_by_id");
        assertThat(body(parsed).at("/suggested/baseUrl").asString()).isEqualTo("http://petstore.swagger.io/v1");
        assertThat(body(parsed).at("/suggested/auth/type").asString()).isEqualTo("api_key");
        assertThat(body(wrapped).get("operations").valueStream().map(op -> op.get("name").asString()).toList()).contains("add_pet");
        assertThat(body(api().get("/api/v1/connectors", ALICE)).get("total").asLong()).isZero();
    }

    @Test
    void aDocumentThatIsNotASpecIs422WithTheParsersMessages() {
        HttpResponse<String> refused = api().send("POST", "/api/v1/connectors/parse-openapi", ALICE, "text/plain",
                "title: just some yaml", Map.of());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(errors(refused)).singleElement().asString().startsWith("spec: no 'openapi' or 'swagger'");
    }

    @Test
    void urlsToInternalAddressesAreRefused() {
        HttpResponse<String> refused = api().post("/api/v1/connectors/parse-openapi", ALICE,
                "{\"url\": \"http://127.0.0.1:" + port + "/v3/api-docs\"}");
        HttpResponse<String> metadata = api().post("/api/v1/connectors/parse-openapi", ALICE,
                "{\"url\": \"http://169.254.169.254/latest/meta-data\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused)).singleElement().asString().startsWith("url:").contains("a loopback address")
                .contains("allow-private");
        assertThat(errors(metadata)).singleElement().asString().startsWith("url:").contains("cloud metadata");
        assertThat(errors(api().post("/api/v1/connectors/parse-openapi", ALICE, "{\"url\": \"file:///etc/passwd\"}")))
                .singleElement().asString().contains("only http and https");
    }

    @Test
    void importMergesSelectsAndReplaces() {
        createCrm();
        String petstore = json.createObjectNode().put("spec", resource("petstore-3.0.yaml")).toString();

        HttpResponse<String> subset = api().post("/api/v1/connectors/acme/crm/import-openapi", ALICE,
                petstore.replace("{\"spec\"", "{\"operations\": [\"list_pets\"], \"spec\""));
        JsonNode afterSubset = body(api().get("/api/v1/connectors/acme/crm", ALICE));
        HttpResponse<String> replaced = api().post("/api/v1/connectors/acme/crm/import-openapi", ALICE,
                petstore.replace("{\"spec\"", "{\"replace\": true, \"spec\""));
        JsonNode afterReplace = body(api().get("/api/v1/connectors/acme/crm", ALICE));

        assertThat(subset.statusCode()).as(subset.body()).isEqualTo(200);
        assertThat(afterSubset.get("operations").valueStream().map(op -> op.get("name").asString()).toList())
                .containsExactly("list_users", "create_user", "list_pets");
        assertThat(afterSubset.at("/operations/2/parameters/properties/limit/in").asString()).isEqualTo("query");
        assertThat(afterSubset.get("version").asLong()).isEqualTo(2);
        assertThat(body(replaced).get("removed").valueStream().map(JsonNode::asString))
                .containsExactly("list_users", "create_user");
        assertThat(afterReplace.get("operations").valueStream().map(op -> op.get("name").asString()).toList())
                .containsExactly("list_pets", "create_pets", "show_pet_by_id");
        assertThat(api().post("/api/v1/connectors/acme/crm/import-openapi", BOB, petstore).statusCode())
                .isEqualTo(403);
        assertThat(errors(api().post("/api/v1/connectors/acme/crm/import-openapi", ALICE,
                petstore.replace("{\"spec\"", "{\"operations\": [\"nope\"], \"spec\""))))
                .singleElement().asString().startsWith("operations[0]:");
        assertThat(api().post("/api/v1/connectors/acme/ghost/import-openapi", ALICE, petstore).statusCode())
                .isEqualTo(404);
    }

    @Test
    void twoHundredOperationsImport() {
        api().post("/api/v1/connectors", ALICE, """
                {"namespace": "big", "name": "api", "type": "http", "baseUrl": "https://big.test"}""");
        StringBuilder yaml = new StringBuilder("openapi: 3.0.0\ninfo: {title: Big, version: '1'}\npaths:\n");
        for (int i = 0; i < 100; i++) {
            yaml.append("  /things/{id}/part").append(i).append(":\n")
                    .append("    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n")
                    .append("    get: {responses: {'200': {description: ok}}}\n")
                    .append("    post: {requestBody: {content: {application/json: {schema: {type: object,")
                    .append(" properties: {name: {type: string}}}}}}, responses: {'200': {description: ok}}}\n");
        }

        long started = System.nanoTime();
        HttpResponse<String> imported = api().send("POST", "/api/v1/connectors/big/api/import-openapi", ALICE,
                "application/yaml", yaml.toString(), Map.of());
        System.out.printf("imported 200 operations in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(body(api().get("/api/v1/connectors/big/api", ALICE)).get("operations")).hasSize(200);
    }

    private static String resource(String name) {
        try (InputStream in = OpenApiApiIT.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
