package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Postgres connectors and steps are checked when saved: a bad body is a 400 naming it, and nothing is stored. */
class PostgresDefinitionsApiIT extends RegistryFixture {

    static final String DB = """
            {"namespace": "acme", "name": "db", "type": "postgres", "baseUrl": "postgres://db.acme.test:5432/app",
             "auth": {"type": "basic", "secret": "db_login"}, "readOnly": true, "maxRows": 1000,
             "operations": [{"name": "user_by_id",
               "parameters": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
               "requestBody": {"query": "SELECT * FROM users WHERE id = $1", "params": ["<<id>>"]}}]}""";

    @Test
    void aPostgresConnectorWithAProperOperationIsStored() {
        assertThat(api().post("/api/v1/connectors", ALICE, DB).statusCode()).isEqualTo(201);
    }

    @Test
    void aPostgresOperationWithoutABodyOrWithATemplateInItsQueryIsRefusedAndNotStored() {
        HttpResponse<String> refused = api().post("/api/v1/connectors", ALICE, DB.replace(
                "\"requestBody\": {\"query\": \"SELECT * FROM users WHERE id = $1\", \"params\": [\"<<id>>\"]}",
                "\"requestBody\": {\"query\": \"SELECT * FROM users WHERE id = <<id>>\", \"params\": \"<<id>>\"}"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused)).as(refused.body())
                .anySatisfy(e -> assertThat(e).startsWith("operations[0].requestBody.query:").contains("template"))
                .anySatisfy(e -> assertThat(e).startsWith("operations[0].requestBody.params:"));
        assertThat(api().get("/api/v1/connectors/acme/db", ALICE).statusCode()).isEqualTo(404);
        ObjectNode withoutBody = (ObjectNode) json.readTree(DB);
        ((ObjectNode) withoutBody.get("operations").get(0)).remove("requestBody");
        assertThat(errors(api().post("/api/v1/connectors", ALICE, withoutBody.toString())))
                .anySatisfy(e -> assertThat(e).startsWith("operations[0].requestBody:").contains("required"));
        // the connector may allow templates in its queries explicitly
        assertThat(api().post("/api/v1/connectors", ALICE, DB.replace("\"maxRows\": 1000",
                "\"maxRows\": 1000, \"allowQueryTemplates\": true").replace("id = $1\", \"params\": [\"<<id>>\"]",
                "id = <<id>>\"")).statusCode()).isEqualTo(201);
    }

    @Test
    void aRawPostgresStepIsCheckedWhenTheToolIsSavedAndNothingIsStored() {
        api().post("/api/v1/connectors", ALICE, DB);

        HttpResponse<String> refused = api().post("/api/v1/tools", ALICE, """
                {"id": "bad-sql", "steps": [
                  {"id": "a", "connector": "acme/db", "body": {"params": ["<<x>>"]}},
                  {"id": "b", "connector": "acme/db", "body": {"query": "SELECT $1", "params": {"x": 1}}},
                  {"id": "c", "connector": "acme/db", "body": {"query": "SELECT * FROM t WHERE name = '<<name>>'"}}]}""");
        HttpResponse<String> fine = api().post("/api/v1/tools", ALICE, """
                {"id": "good-sql", "steps": [
                  {"id": "a", "connector": "acme/db", "body": {"query": "SELECT * FROM t WHERE name = $1",
                   "params": ["<<name>>"], "onLimit": "truncate"}}]}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused)).as(refused.body())
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].body.query:").contains("required"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[1].body.params:").contains("array"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[2].body.query:").contains("template"));
        assertThat(api().get("/api/v1/tools/bad-sql", ALICE).statusCode()).isEqualTo(404);
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(201);
    }

    /** Found by the bad-input sweep: a number beyond 64 bits made asLong() throw, a 500. */
    @Test
    void aStepTimeoutBeyondALongIsAFieldError() {
        api().post("/api/v1/connectors", ALICE, DB);

        HttpResponse<String> refused = api().post("/api/v1/tools", ALICE, """
                {"id": "huge-timeout", "steps": [{"id": "a", "connector": "acme/db",
                  "body": {"query": "SELECT 1", "timeoutMs": 99999999999999999999999}}]}""");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(errors(refused)).anySatisfy(e -> assertThat(e).startsWith("steps[0].body.timeoutMs:"));
        assertThat(api().get("/api/v1/tools/huge-timeout", ALICE).statusCode()).isEqualTo(404);
    }
}
