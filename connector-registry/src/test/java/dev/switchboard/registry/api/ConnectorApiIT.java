package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ConnectorApiIT extends RegistryFixture {

    @Test
    void createdConnectorReadsBackWithItsVersion() {
        HttpResponse<String> created = createCrm();

        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/connectors/acme/crm");
        JsonNode crm = body(api().get("/api/v1/connectors/acme/crm", BOB));
        assertThat(crm.get("version").asLong()).isEqualTo(1);
        assertThat(crm.get("createdBy").asString()).isEqualTo("alice");
        assertThat(crm.at("/auth/secret").asString()).isEqualTo("crm_token");
        assertThat(crm.at("/operations/0/parameters/properties/team/in").asString()).isEqualTo("path");
        assertThat(crm.at("/rateLimit/perSecond").asDouble()).isEqualTo(5.0);
    }

    @Test
    void listsFilterByNamespaceAndPage() {
        createCrm();
        for (String ref : new String[] {"acme/billing", "acme/mail", "other/crm"}) {
            String[] p = ref.split("/");
            assertThat(api().post("/api/v1/connectors", ADMIN, """
                    {"namespace": "%s", "name": "%s", "type": "http", "baseUrl": "https://x.test"}"""
                    .formatted(p[0], p[1])).statusCode()).isEqualTo(201);
        }

        JsonNode page = body(api().get("/api/v1/connectors?namespace=acme&limit=2", ALICE));

        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        assertThat(page.get("data").findValuesAsString("name")).containsExactly("billing", "crm");
        assertThat(page.at("/data/1/operations").valueStream().map(JsonNode::asString))
                .containsExactly("list_users", "create_user");
        JsonNode second = body(api().get("/api/v1/connectors?namespace=acme&limit=2&page=2", ALICE));
        assertThat(second.get("data").findValuesAsString("name")).containsExactly("mail");
        assertThat(body(api().get("/api/v1/connectors?namespace=Bad%20Name", ALICE)).at("/errors/0/field")
                .asString()).isEqualTo("namespace");

        // search: part of namespace/name, any case, as text (a pattern character matches only itself)
        assertThat(body(api().get("/api/v1/connectors?q=CR", ALICE)).get("data").findValuesAsString("namespace"))
                .containsExactly("acme", "other");
        assertThat(body(api().get("/api/v1/connectors?namespace=acme&q=bil", ALICE)).get("data")
                .findValuesAsString("name")).containsExactly("billing");
        assertThat(body(api().get("/api/v1/connectors?q=me/ma", ALICE)).get("total").asLong()).isEqualTo(1);
        assertThat(body(api().get("/api/v1/connectors?q=.*", ALICE)).get("total").asLong()).isZero();
        assertThat(body(api().get("/api/v1/connectors?q=acme%20crm", ALICE)).get("data").findValuesAsString("name"))
                .as("the description").containsExactly("crm");
        assertThat(body(api().get("/api/v1/connectors?q=https", ALICE)).get("total").asLong())
                .as("not the base URL, not the field names").isZero();
        assertThat(body(api().get("/api/v1/connectors?q=" + "a".repeat(101), ALICE)).at("/errors/0/field")
                .asString()).isEqualTo("q");
        // a NUL cannot be in a BSON pattern: it was a 500 (found by PublicApiFuzzIT)
        assertThat(body(api().get("/api/v1/connectors?q=a%00b", ALICE)).at("/errors/0/field").asString())
                .isEqualTo("q");
    }

    @Test
    void staleUpdateIsAConflict() {
        createCrm();
        ObjectNode change = (ObjectNode) json.readTree(CRM);
        change.put("description", "v2").put("version", 1);

        HttpResponse<String> updated = api().put("/api/v1/connectors/acme/crm", ALICE, change.toString());
        HttpResponse<String> stale = api().put("/api/v1/connectors/acme/crm", ALICE, change.toString());
        change.remove("version");
        HttpResponse<String> unversioned = api().put("/api/v1/connectors/acme/crm", ALICE, change.toString());

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(body(updated).get("version").asLong()).isEqualTo(2);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(stale).get("detail").asString()).contains("version 2, not 1");
        assertThat(unversioned.statusCode()).isEqualTo(400);
        assertThat(errors(unversioned)).singleElement().asString().startsWith("version:");
    }

    @Test
    void onlyTheNamespaceOwnerAndAdminsWriteInIt() {
        createCrm();
        ObjectNode change = (ObjectNode) json.readTree(CRM);
        change.put("version", 1);

        assertThat(api().put("/api/v1/connectors/acme/crm", BOB, change.toString()).statusCode()).isEqualTo(403);
        assertThat(api().post("/api/v1/connectors", BOB, CRM.replace("\"crm\"", "\"crm2\"")).statusCode())
                .isEqualTo(403);
        assertThat(api().delete("/api/v1/connectors/acme/crm", BOB).statusCode()).isEqualTo(403);
        assertThat(api().put("/api/v1/connectors/acme/crm", ADMIN, change.toString()).statusCode()).isEqualTo(200);
        assertThat(api().post("/api/v1/connectors", BOB, CRM.replace("\"acme\"", "\"bobs\"")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void deletedConnectorIsGoneWithA404Problem() {
        createCrm();

        assertThat(api().delete("/api/v1/connectors/acme/crm?version=7", ALICE).statusCode()).isEqualTo(409);
        assertThat(api().delete("/api/v1/connectors/acme/crm", ALICE).statusCode()).isEqualTo(204);
        HttpResponse<String> missing = api().get("/api/v1/connectors/acme/crm", ALICE);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(missing).get("detail").asString()).isEqualTo("No connector 'acme/crm'.");
        assertThat(api().post("/api/v1/connectors", ALICE, CRM).statusCode()).isEqualTo(201);
    }

    @Test
    void creatingTwiceIsAConflict() {
        createCrm();

        assertThat(api().post("/api/v1/connectors", ALICE, CRM).statusCode()).isEqualTo(409);
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsStored() {
        HttpResponse<String> refused = api().post("/api/v1/connectors", ALICE, """
                {"namespace": "Acme", "name": "crm", "type": "http", "baseUrl": "ftp://x",
                 "auth": {"type": "magic", "secret": "s"},
                 "operations": [
                   {"name": "get_user", "method": "GET", "path": "/users/{id}",
                    "parameters": {"type": "object", "properties": {"x": {"type": "string", "in": "query"}}}},
                   {"name": "get_user", "method": "FETCH", "path": "/users",
                    "parameters": {"type": "object", "properties": {"x": {"type": 12, "in": "cookie"}}}}
                 ]}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(errors(refused)).anySatisfy(e -> assertThat(e).startsWith("namespace:"))
                .anySatisfy(e -> assertThat(e).startsWith("baseUrl:"))
                .anySatisfy(e -> assertThat(e).startsWith("auth.type:").contains("'magic'"))
                .anySatisfy(e -> assertThat(e).startsWith("operations[0].path:").contains("{id}"))
                .anySatisfy(e -> assertThat(e).startsWith("operations[1].name:").contains("duplicate"))
                .anySatisfy(e -> assertThat(e).startsWith("operations[1].method:"))
                .anySatisfy(e -> assertThat(e).startsWith("operations[1].parameters:"))
                .anySatisfy(e -> assertThat(e).startsWith("operations[1].parameters.properties.x.in:"));
        assertThat(body(api().get("/api/v1/connectors", ALICE)).get("total").asLong()).isZero();
        assertThat(mongo.getCollection("namespaces").countDocuments()).isZero();
    }

    @Test
    void aCredentialValueIsRefusedWithAdviceToUseASecret() {
        Map<String, String> attempts = Map.of(
                "auth.token", CRM.replace("\"secret\": \"crm_token\"", "\"token\": \"xoxb-123\""),
                "auth.password", CRM.replace("\"type\": \"bearer\", \"secret\": \"crm_token\"",
                        "\"type\": \"basic\", \"password\": \"hunter2\""),
                "headers.Authorization", CRM.replace("\"Accept\": \"application/json\"",
                        "\"Authorization\": \"Bearer xoxb-123\""));

        attempts.forEach((field, connector) -> {
            HttpResponse<String> refused = api().post("/api/v1/connectors", ALICE, connector);
            assertThat(refused.statusCode()).as(field).isEqualTo(400);
            assertThat(errors(refused)).as(field).anySatisfy(e -> assertThat(e).startsWith(field + ":")
                    .contains("/api/v1/secrets"));
            assertThat(refused.body()).doesNotContain("xoxb-123").doesNotContain("hunter2");
        });
        assertThat(api().post("/api/v1/connectors", ALICE, CRM.replace("\"Accept\": \"application/json\"",
                "\"Authorization\": \"Bearer {{secret:crm_token}}\"")).statusCode()).isEqualTo(201);
    }

    @Test
    void unreadableBodiesNameTheFieldAtFault() {
        assertThat(errors(api().post("/api/v1/connectors", ALICE, "{\"namespace\": \"acme\",")))
                .singleElement().asString().startsWith("body:");
        assertThat(errors(api().post("/api/v1/connectors", ALICE, CRM.replace("\"timeoutMs\": 5000",
                "\"timeoutMs\": \"soon\"")))).singleElement().asString().startsWith("timeoutMs:");
        assertThat(errors(api().post("/api/v1/connectors", ALICE, CRM.replace("\"timeoutMs\": 5000",
                "\"timeoutMs\": 5000, \"colour\": \"red\"")))).singleElement().asString()
                .startsWith("colour: unknown field");
        assertThat(errors(api().post("/api/v1/connectors", ALICE, CRM.replace("\"name\": \"list_users\"",
                "\"name\": 7")))).singleElement().asString().startsWith("operations[0].name:");
        assertThat(api().get("/api/v1/connectors/Acme/crm", ALICE).statusCode()).isEqualTo(400);
    }

    @Test
    void bodiesOverFiveMegabytesAreRefused() {
        String huge = "{\"namespace\": \"acme\", \"name\": \"big\", \"type\": \"http\", \"description\": \""
                + "x".repeat(5 * 1024 * 1024 + 10) + "\"}";

        HttpResponse<String> refused = api().post("/api/v1/connectors", ALICE, huge);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
