package dev.switchboard.orchestrator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.agent.AgentFunction;
import dev.switchboard.contracts.agent.AgentTools;
import dev.switchboard.contracts.agent.AgentVariables;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ToolCallArgumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode SLACK = JSON.readTree("""
            {"namespace": "chat", "name": "slack", "operations": [
              {"name": "post", "method": "POST", "path": "/post",
               "parameters": {"type": "object", "required": ["channel", "text"],
                 "properties": {"channel": {"type": "string", "in": "body"}, "text": {"type": "string", "in": "body"},
                                "meta": {"type": "object", "in": "body"}}}},
              {"name": "open", "method": "POST", "path": "/open",
               "parameters": {"type": "object", "additionalProperties": true,
                 "properties": {"channel": {"type": "string"}}}}]}""");
    private static final JsonNode AGENT = JSON.readTree("""
            {"variables": {"default_channel": "#ops"},
             "enabledConnectors": [{"connector": "chat/slack",
               "parameters": {"post": {"channel": "{{ default_channel }}"}}}]}""");

    private static AgentFunction function(String operation) {
        return AgentTools.of(AGENT, ref -> Optional.of(SLACK)).function("connector__chat__slack__" + operation)
                .orElseThrow();
    }

    private static ObjectNode locked(AgentFunction function) {
        return (ObjectNode) AgentVariables.fill(function.locked(), Map.of("default_channel", JSON.readTree("\"#ops\"")));
    }

    private static ObjectNode args(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void lockedParametersWinOverTheModelsArgumentsAndVariablesAreFilled() {
        AgentFunction post = function("post");
        ObjectNode merged = ToolCallArguments.merge(args("{\"channel\": \"#attackers\", \"text\": \"hi\"}"),
                locked(post));

        assertThat(merged.get("channel").asString()).isEqualTo("#ops");
        assertThat(merged.get("text").asString()).isEqualTo("hi");
        // giving a locked parameter is no error: it is overwritten
        assertThat(ToolCallArguments.refused(args("{\"channel\": \"#attackers\", \"text\": \"hi\"}"), post)).isEmpty();
    }

    @Test
    void mergingLeavesTheModelsArgumentsAsTheyWere() {
        ObjectNode model = args("{\"text\": \"hi\"}");
        ToolCallArguments.merge(model, locked(function("post")));

        assertThat(model.toString()).isEqualTo("{\"text\":\"hi\"}");
    }

    @Test
    void aParameterTheOperationDoesNotDeclareIsRefusedUnlessItsSchemaAllowsOthers() {
        assertThat(ToolCallArguments.refused(args("{\"text\": \"hi\", \"as_user\": true}"), function("post")))
                .containsExactly(new FieldProblem("arguments.as_user", "is not a parameter of this tool"));
        assertThat(ToolCallArguments.refused(args("{\"anything\": 1}"), function("open"))).isEmpty();
    }

    @Test
    void theModelMayNotNameASecretAnywhere() {
        var problems = ToolCallArguments.refused(args("""
                {"text": "leak {{ secret:slack_token }}",
                 "meta": {"a": ["ok", "{{secret:db}}"], "{{secret:key}}": 1}}"""), function("post"));

        assertThat(problems).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("arguments.text", "arguments.meta.a[1]", "arguments.meta");
        assertThat(ToolCallArguments.refused(args("{\"text\": \"{{ not_a_secret }} {secret:x}\"}"), function("post")))
                .isEmpty();
    }
}
