package dev.switchboard.contracts.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AgentToolsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LONG_NAMESPACE = "a-namespace-that-is-rather-long";
    private static final String LONG_NAME = "and-a-connector-name-longer-still";

    private static final JsonNode SLACK = JSON.readTree("""
            {"namespace": "chat", "name": "slack", "operations": [
              {"name": "post_message", "method": "POST", "path": "/chat.postMessage",
               "parameters": {"type": "object", "required": ["channel", "text"], "additionalProperties": false,
                 "properties": {"channel": {"type": "string", "in": "body"}, "text": {"type": "string", "in": "body"}}}},
              {"name": "list_channels", "method": "GET", "path": "/conversations.list", "description": "Lists channels"}]}""");
    private static final JsonNode LONG = JSON.readTree("""
            {"namespace": "%s", "name": "%s", "operations": [{"name": "an_operation_with_a_long_name"},
              {"name": "an_operation_with_a_long_name_too"}]}""".formatted(LONG_NAMESPACE, LONG_NAME));

    private static Optional<JsonNode> connector(String ref) {
        return Optional.ofNullable(Map.of("chat/slack", SLACK, LONG_NAMESPACE + "/" + LONG_NAME, LONG).get(ref));
    }

    @Test
    void lockedParametersAreHiddenFromTheModelAndOurKeywordsStripped() {
        AgentTools tools = AgentTools.of(JSON.readTree("""
                {"enabledConnectors": [{"connector": "chat/slack", "operations": ["post_message"],
                  "parameters": {"post_message": {"channel": "{{ default_channel }}"}}}]}"""), AgentToolsTest::connector);

        assertThat(tools.functions()).hasSize(1);
        AgentFunction post = tools.functions().getFirst();
        assertThat(post.name()).isEqualTo("connector__chat__slack__post_message");
        assertThat(post.connector()).isEqualTo("chat/slack");
        assertThat(post.operation()).isEqualTo("post_message");
        assertThat(post.inputSchema().get("properties").propertyNames()).containsExactly("text");
        assertThat(post.inputSchema().get("properties").get("text").has("in")).isFalse();
        assertThat(post.inputSchema().get("required").toString()).isEqualTo("[\"text\"]");
        // the full schema still has the locked parameter: the call is checked against all of it
        assertThat(post.parameterSchema().get("properties").has("channel")).isTrue();
        assertThat(post.locked().get("channel").asString()).isEqualTo("{{ default_channel }}");
    }

    @Test
    void specsComeInOpenAiAndMcpShapes() {
        AgentTools tools = AgentTools.of(JSON.readTree("""
                {"enabledConnectors": [{"connector": "chat/slack"}]}"""), AgentToolsTest::connector);

        JsonNode openai = tools.specs(AgentTools.OPENAI);
        JsonNode mcp = tools.specs(AgentTools.MCP);
        assertThat(openai).hasSize(2);
        assertThat(openai.get(0).get("type").asString()).isEqualTo("function");
        assertThat(openai.get(0).get("function").get("name").asString()).isEqualTo("connector__chat__slack__post_message");
        assertThat(openai.get(1).get("function").get("description").asString()).isEqualTo("Lists channels");
        assertThat(mcp.get(0).get("name").asString()).isEqualTo("connector__chat__slack__post_message");
        assertThat(mcp.get(0).get("description").asString()).isEqualTo("POST /chat.postMessage on chat/slack");
        assertThat(mcp.get(1).get("inputSchema").get("properties").isObject()).isTrue();
    }

    @Test
    void aNameOverSixtyFourCharactersIsShortenedAndStillResolves() {
        AgentTools tools = AgentTools.of(JSON.readTree("""
                {"enabledConnectors": [{"connector": "%s/%s"}]}""".formatted(LONG_NAMESPACE, LONG_NAME)),
                AgentToolsTest::connector);

        String first = tools.functions().get(0).name();
        String second = tools.functions().get(1).name();
        assertThat(first).hasSizeLessThanOrEqualTo(AgentTools.MAX_NAME).startsWith("connector__" + LONG_NAMESPACE);
        assertThat(second).hasSizeLessThanOrEqualTo(AgentTools.MAX_NAME).isNotEqualTo(first);
        assertThat(tools.function(first).orElseThrow().operation()).isEqualTo("an_operation_with_a_long_name");
        assertThat(tools.function(second).orElseThrow().operation()).isEqualTo("an_operation_with_a_long_name_too");
        assertThat(AgentTools.functionName(LONG_NAMESPACE, LONG_NAME, "an_operation_with_a_long_name")).isEqualTo(first);
    }

    @Test
    void onlyEnabledOperationsOfKnownConnectorsResolve() {
        AgentTools tools = AgentTools.of(JSON.readTree("""
                {"enabledConnectors": [{"connector": "chat/slack", "operations": ["list_channels"]},
                                       {"connector": "gone/connector"}]}"""), AgentToolsTest::connector);

        assertThat(tools.function("connector__chat__slack__list_channels")).isPresent();
        assertThat(tools.function("connector__chat__slack__post_message")).isEmpty();
        assertThat(tools.function("connector__gone__connector__anything")).isEmpty();
        assertThat(tools.function("")).isEmpty();
        assertThat(AgentTools.of(JSON.readTree("{}"), AgentToolsTest::connector).functions()).isEmpty();
    }
}
