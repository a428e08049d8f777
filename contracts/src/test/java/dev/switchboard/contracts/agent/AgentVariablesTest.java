package dev.switchboard.contracts.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AgentVariablesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, JsonNode> VARIABLES = Map.of(
            "default_channel", JSON.readTree("\"#ops\""),
            "limit", JSON.readTree("10"),
            "tags", JSON.readTree("[\"a\", \"b\"]"));

    @Test
    void aReferenceAloneTakesTheVariablesValueWithItsType() {
        assertThat(AgentVariables.fill(JSON.readTree("\"{{ default_channel }}\""), VARIABLES).asString())
                .isEqualTo("#ops");
        assertThat(AgentVariables.fill(JSON.readTree("\"{{limit}}\""), VARIABLES).isInt()).isTrue();
        assertThat(AgentVariables.fill(JSON.readTree("\"{{ tags }}\""), VARIABLES).isArray()).isTrue();
    }

    @Test
    void aReferenceInsideTextIsReplacedByTheVariablesText() {
        assertThat(AgentVariables.fill(JSON.readTree("\"to {{ default_channel }}, max {{ limit }} $1\""), VARIABLES)
                .asString()).isEqualTo("to #ops, max 10 $1");
    }

    @Test
    void valuesAreFilledAtAnyDepthAndSecretsAndPlainValuesAreLeftAsTheyAre() {
        JsonNode filled = AgentVariables.fill(JSON.readTree("""
                {"to": ["{{ default_channel }}", 3], "auth": "{{secret:slack_token}}", "n": true}"""), VARIABLES);

        assertThat(filled.toString()).isEqualTo("{\"to\":[\"#ops\",3],\"auth\":\"{{secret:slack_token}}\",\"n\":true}");
        assertThat(AgentVariables.references("{{a}} and {{ b }} and {{secret:c}}")).containsExactly("a", "b");
    }

    @Test
    void anUndefinedVariableIsNamed() {
        assertThatThrownBy(() -> AgentVariables.fill(JSON.readTree("\"x {{ nope }}\""), VARIABLES))
                .isInstanceOf(AgentVariables.UndefinedVariableException.class)
                .hasMessageContaining("'nope'");
    }
}
