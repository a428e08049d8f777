package dev.switchboard.registry.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PostgresStepBodyCheckTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aQueryWithPlaceholdersAndTemplatedParamsIsFine() {
        assertThat(step("""
                {"query": "SELECT * FROM users WHERE team = $1 AND id > $2", "params": ["<<team>>", 10],
                 "maxRows": 500, "onLimit": "truncate", "timeoutMs": 2000}""", null)).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedUnderTheStepsBody() {
        assertThat(fields(step("{\"params\": {\"a\": 1}, \"maxRows\": 0, \"onLimit\": \"never\","
                + " \"timeoutMs\": 1.5, \"sql\": \"x\"}", null))).containsExactlyInAnyOrder("steps[2].body.query",
                "steps[2].body.params", "steps[2].body.maxRows", "steps[2].body.onLimit", "steps[2].body.timeoutMs",
                "steps[2].body.sql");
        assertThat(fields(step("{\"query\": \"  \"}", null))).containsExactly("steps[2].body.query");
        assertThat(fields(step("[\"SELECT 1\"]", null))).containsExactly("steps[2].body");
    }

    @Test
    void aTemplateInTheQueryIsRefusedUnlessTheConnectorAllowsIt() {
        String templated = "{\"query\": \"SELECT * FROM <<table>> WHERE id = $1\", \"params\": [1]}";

        assertThat(step(templated, null)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("steps[2].body.query");
            assertThat(e.message()).contains("allowQueryTemplates");
        });
        assertThat(step(templated, false)).hasSize(1);
        assertThat(step(templated, true)).isEmpty();
    }

    @Test
    void aSecretInTheQueryIsRefusedEvenWhenTemplatesAreAllowed() {
        assertThat(fields(step("{\"query\": \"SELECT '{{secret:token}}'\"}", true)))
                .containsExactly("steps[2].body.query");
    }

    @Test
    void onlyPostgresConnectorsAreChecked() {
        assertThat(PostgresStepBodyCheck.forStep("steps[0]", "ftp", json.readTree("{\"operation\": \"list\"}"),
                null)).isEmpty();
        assertThat(PostgresStepBodyCheck.forOperations("http", Arrays.asList((JsonNode) null), null)).isEmpty();
    }

    @Test
    void aPostgresOperationNeedsARequestBodyOfTheSameShape() {
        List<FieldError> errors = PostgresStepBodyCheck.forOperations("postgres", Arrays.asList(
                json.readTree("{\"query\": \"SELECT * FROM users WHERE id = $1\", \"params\": [\"<<id>>\"]}"),
                null,
                json.readTree("{\"query\": \"SELECT * FROM users WHERE id = <<id>>\"}")), null);

        assertThat(fields(errors)).containsExactly("operations[1].requestBody", "operations[2].requestBody.query");
    }

    private List<FieldError> step(String body, Boolean allowQueryTemplates) {
        return PostgresStepBodyCheck.forStep("steps[2]", "postgres", json.readTree(body), allowQueryTemplates);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
