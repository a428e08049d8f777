package dev.switchboard.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Found by the bad-input sweep: an approval input 499 arrays deep was stored, and the run could not be shown after. */
class InputLimitsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode arrays(int depth) {
        return json.readTree("[".repeat(depth) + "]".repeat(depth));
    }

    private JsonNode objects(int depth) {
        return json.readTree("{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1));
    }

    @Test
    void countsEveryLevelOfObjectsAndArraysUpToTheLimit() {
        assertThat(InputLimits.tooDeep(arrays(InputLimits.MAX_DEPTH))).isFalse();
        assertThat(InputLimits.tooDeep(objects(InputLimits.MAX_DEPTH))).isFalse();
        assertThat(InputLimits.tooDeep(arrays(InputLimits.MAX_DEPTH + 1))).isTrue();
        assertThat(InputLimits.tooDeep(objects(InputLimits.MAX_DEPTH + 1))).isTrue();
        // wide is not deep: one deep branch among shallow ones still counts
        assertThat(InputLimits.tooDeep(json.readTree("{\"wide\": [1, 2, {}], \"deep\": " + arrays(499) + "}")))
                .isTrue();
        assertThat(InputLimits.tooDeep(json.readTree("\"text\""))).isFalse();
        assertThat(InputLimits.tooDeep(null)).isFalse();
    }

    @Test
    void aContinueWithInputTooDeepIsRefusedNamingInput() {
        JsonNode body = json.readTree("{\"approved\": true, \"input\": " + arrays(499) + "}");

        assertThatThrownBy(() -> ContinueRequest.read(body)).isInstanceOfSatisfying(InvalidRunRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("input"));
        assertThat(ContinueRequest.read(json.readTree("{\"approved\": true, \"input\": " + arrays(10) + "}"))
                .input().isArray()).isTrue();
    }
}
