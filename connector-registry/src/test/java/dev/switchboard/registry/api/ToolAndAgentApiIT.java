package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ToolAndAgentApiIT extends RegistryFixture {

    static final String TOOL = """
            {"id": "sync-users", "instruction": "Copy the team's users",
             "inputSchema": {"type": "object", "properties": {"team": {"type": "string"}}, "required": ["team"]},
             "steps": [
               {"id": "users", "connector": "acme/crm", "operation": "list_users",
                "parameters": {"team": "<<team>>", "limit": 50}},
               {"id": "details", "connector": "acme/crm", "method": "GET", "path": "/users/<<currentItem.id>>",
                "dataSelector": "(sourceData) => sourceData.users.data", "failureBehavior": "continue",
                "pagination": {"type": "pageBased", "pageSize": 50, "maxPages": 10}}],
             "outputTransform": "(sourceData) => sourceData.details.map(d => d.data)"}""";

    @Test
    void aValidToolIsStoredVersionedAndOwned() {
        createCrm();

        HttpResponse<String> created = api().post("/api/v1/tools", ALICE, TOOL);
        ObjectNode change = (ObjectNode) json.readTree(TOOL);
        change.put("description", "v2").put("version", 1);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(api().get("/api/v1/tools/sync-users", BOB)).at("/steps/1/dataSelector").asString())
                .isEqualTo("(sourceData) => sourceData.users.data");
        assertThat(api().put("/api/v1/tools/sync-users", BOB, change.toString()).statusCode()).isEqualTo(403);
        assertThat(body(api().put("/api/v1/tools/sync-users", ALICE, change.toString())).get("version").asLong())
                .isEqualTo(2);
        assertThat(api().put("/api/v1/tools/sync-users", ALICE, change.toString()).statusCode()).isEqualTo(409);
        JsonNode list = body(api().get("/api/v1/tools", BOB));
        assertThat(list.at("/data/0/connectors/0").asString()).isEqualTo("acme/crm");
    }

    @Test
    void aConnectorInUseCannotBeDeleted() {
        createCrm();
        api().post("/api/v1/tools", ALICE, TOOL);

        HttpResponse<String> refused = api().delete("/api/v1/connectors/acme/crm", ALICE);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(body(refused).get("detail").asString()).contains("tool sync-users");
        assertThat(api().delete("/api/v1/tools/sync-users", ALICE).statusCode()).isEqualTo(204);
        assertThat(api().delete("/api/v1/connectors/acme/crm", ALICE).statusCode()).isEqualTo(204);
    }

    @Test
    void toolsAreCheckedAgainstConnectorsAndJavaScriptSyntax() {
        createCrm();
        HttpResponse<String> refused = api().post("/api/v1/tools", ALICE, """
                {"id": "broken", "inputSchema": {"type": "objekt"},
                 "steps": [
                   {"id": "a", "connector": "acme/nope", "operation": "x"},
                   {"id": "b", "connector": "acme/crm", "operation": "list_userz"},
                   {"id": "c", "connector": "acme/crm", "operation": "list_users", "parameters": {"teem": "x"}},
                   {"id": "c", "url": "https://api.test/<<(s) => s.>>", "method": "GET",
                    "dataSelector": "(s) => { return s.items", "pagination": {"type": "sideways"}},
                   {"id": "d", "url": "https://api.test/<<a..b>>", "method": "GET",
                    "dataSelector": "s.items"}],
                 "outputTransform": "(s) => s.c.map(x => x.data"}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused))
                .anySatisfy(e -> assertThat(e).startsWith("inputSchema:"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].connector:").contains("acme/nope"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[1].operation:").contains("list_users"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[2].parameters.teem:"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[2].parameters.team:").contains("required"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[3].id:").contains("duplicate"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[3].url:").contains("template"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[3].dataSelector:"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[3].pagination.type:"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[4].url:").contains("neither a path"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[4].dataSelector:").contains("must be a function"))
                .anySatisfy(e -> assertThat(e).startsWith("outputTransform:"));
        assertThat(api().get("/api/v1/tools/broken", ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void approvalStepsTakeAMessageAndATimeoutAndCallNothing() {
        createCrm();
        HttpResponse<String> created = api().post("/api/v1/tools", ALICE, """
                {"id": "approved-sync", "steps": [
                   {"id": "approve", "type": "approval", "message": "Sync <<team>>?", "timeoutMs": 3600000},
                   {"id": "users", "connector": "acme/crm", "operation": "list_users",
                    "parameters": {"team": "<<approve.team>>"}}]}""");
        HttpResponse<String> refused = api().post("/api/v1/tools", ALICE, """
                {"id": "bad-approval", "steps": [
                   {"id": "approve", "type": "approval", "message": "<<a..b>>", "timeoutMs": 0,
                    "body": {"x": 1}, "failureBehavior": "continue"},
                   {"id": "users", "connector": "acme/crm", "operation": "list_users", "timeoutMs": 5,
                    "message": "hi", "parameters": {"team": "x"}}]}""");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(api().get("/api/v1/tools/approved-sync", ALICE)).at("/steps/0/timeoutMs").asLong())
                .isEqualTo(3600000);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].message:").contains("template"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].timeoutMs:").contains("30 days"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].body:").contains("calls nothing"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].failureBehavior:"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[1].message:").contains("approval steps"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[1].timeoutMs:").contains("approval steps"));
        assertThat(api().get("/api/v1/tools/bad-approval", ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void agentToolsAreFunctionSpecsWithoutLockedParameters() {
        createCrm();
        HttpResponse<String> created = api().post("/api/v1/agents", ALICE, """
                {"namespace": "acme", "name": "helper", "variables": {"default_team": "core"},
                 "enabledConnectors": [{"connector": "acme/crm", "operations": ["list_users"],
                   "parameters": {"list_users": {"team": "{{ default_team }}"}}}]}""");

        JsonNode openai = body(api().get("/api/v1/agents/acme/helper/tools", BOB));
        JsonNode mcp = body(api().get("/api/v1/agents/acme/helper/tools?format=mcp", BOB));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(openai.get("tools")).hasSize(1);
        JsonNode function = openai.at("/tools/0/function");
        assertThat(openai.at("/tools/0/type").asString()).isEqualTo("function");
        assertThat(function.get("name").asString()).isEqualTo("connector__acme__crm__list_users");
        assertThat(function.at("/parameters/properties").propertyNames()).containsExactly("limit");
        assertThat(function.at("/parameters/properties/limit").has("in")).isFalse();
        assertThat(function.at("/parameters/required")).isEmpty();
        assertThat(mcp.at("/tools/0/name").asString()).isEqualTo("connector__acme__crm__list_users");
        assertThat(mcp.at("/tools/0/inputSchema/properties").propertyNames()).containsExactly("limit");
        assertThat(api().get("/api/v1/agents/acme/helper/tools?format=xml", BOB).statusCode()).isEqualTo(400);
    }

    @Test
    void longFunctionNamesAreShortenedDeterministically() {
        String ns = "n".repeat(30);
        String op = "a_very_long_operation_name_that_goes_on";
        assertThat(api().post("/api/v1/connectors", ALICE, """
                {"namespace": "%s", "name": "service", "type": "http", "baseUrl": "https://x.test",
                 "operations": [{"name": "%s", "method": "GET", "path": "/x"},
                                {"name": "%s_too", "method": "GET", "path": "/y"}]}"""
                .formatted(ns, op, op)).statusCode()).isEqualTo(201);
        api().post("/api/v1/agents", ALICE, """
                {"namespace": "%s", "name": "bot", "enabledConnectors": [{"connector": "%s/service"}]}"""
                .formatted(ns, ns));

        List<String> names = body(api().get("/api/v1/agents/" + ns + "/bot/tools", ALICE)).get("tools").valueStream()
                .map(t -> t.at("/function/name").asString()).toList();
        List<String> again = body(api().get("/api/v1/agents/" + ns + "/bot/tools", ALICE)).get("tools")
                .valueStream().map(t -> t.at("/function/name").asString()).toList();

        assertThat(names).hasSize(2).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(64)
                .matches("[a-zA-Z0-9_-]+"));
        assertThat(again).isEqualTo(names);
    }

    @Test
    void agentsReferToRealOperationsAndDefinedVariables() {
        createCrm();
        HttpResponse<String> refused = api().post("/api/v1/agents", ALICE, """
                {"namespace": "acme", "name": "helper",
                 "enabledConnectors": [{"connector": "acme/crm", "operations": ["nope"],
                   "parameters": {"create_user": {"email": "{{ missing }}", "colour": "red"}}},
                   {"connector": "acme/ghost"}]}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused))
                .anySatisfy(e -> assertThat(e).startsWith("enabledConnectors[0].operations[0]:"))
                .anySatisfy(e -> assertThat(e).startsWith("enabledConnectors[0].parameters.create_user:"))
                .anySatisfy(e -> assertThat(e).startsWith("enabledConnectors[1].connector:"));
    }
}
