package dev.switchboard.orchestrator.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RunRequestReaderTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsAFullRequestAndDefaultsAnEmptyOne() {
        RunRequest full = RunRequestReader.read(json.readTree("""
                {"runId": "r-1", "inputs": {"team": "core"}, "credentials": {"CRM_TOKEN": "abc"},
                 "options": {"async": true, "timeoutMs": 60000, "webhookUrl": "tool:next", "traceId": "t-9"}}"""));
        RunRequest empty = RunRequestReader.read(null);

        assertThat(full.runId()).isEqualTo("r-1");
        assertThat(full.inputs().get("team").asString()).isEqualTo("core");
        assertThat(full.credentials()).containsEntry("CRM_TOKEN", "abc");
        assertThat(full.async()).isTrue();
        assertThat(full.timeoutMs()).isEqualTo(60000);
        assertThat(full.webhookUrl()).isEqualTo("tool:next");
        assertThat(full.traceId()).isEqualTo("t-9");
        assertThat(empty.runId()).isNull();
        assertThat(empty.inputs().isObject()).isTrue();
        assertThat(empty.async()).isFalse();
    }

    @Test
    void reportsEveryFieldAtFaultAtOnce() {
        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("""
                {"runId": "no spaces", "inputs": [1], "credentials": {"A": 5}, "option": {},
                 "options": {"async": "yes", "timeoutMs": 0, "webhookUrl": "ftp://x", "traceId": "a b", "retry": 1}}""")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("option", "runId", "inputs", "credentials.A", "options.retry",
                                "options.async", "options.timeoutMs", "options.webhookUrl", "options.traceId"));
    }

    @Test
    void neverEchoesACredentialValueAndRefusesTimeoutsOverADay() {
        assertThatThrownBy(() -> RunRequestReader.read(json.readTree(
                "{\"credentials\": {\"A\": {\"secret\": \"s3cr3t\"}}, \"options\": {\"timeoutMs\": 86400001}}")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> {
                    assertThat(e.errors().toString()).doesNotContain("s3cr3t");
                    assertThat(e.errors()).extracting(FieldProblem::field)
                            .containsExactly("credentials.A", "options.timeoutMs");
                });
        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("[]")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldProblem::field).isEqualTo(List.of("body")));
    }

    /** Found by the bad-input sweep: a timeout beyond 64 bits made asLong() throw, a 500. */
    @Test
    void aTimeoutBeyondALongIsAFieldProblem() {
        for (String timeout : List.of("99999999999999999999999", "-9223372036854775809")) {
            assertThatThrownBy(() -> RunRequestReader.read(json.readTree(
                    "{\"options\": {\"timeoutMs\": " + timeout + "}}")))
                    .as(timeout).isInstanceOfSatisfying(InvalidRunRequestException.class,
                            e -> assertThat(e.errors()).extracting(FieldProblem::field)
                                    .containsExactly("options.timeoutMs"));
        }
    }

    @Test
    void readsAChainAndChainOn() {
        RunRequest request = RunRequestReader.read(json.readTree("""
                {"options": {"webhookUrl": "https://hooks.example.test/done", "chain": ["tool:b", "tool:c"],
                             "chainOn": "any"}}"""));
        RunRequest none = RunRequestReader.read(json.readTree("{\"options\": {\"webhookUrl\": \"tool:b\"}}"));

        assertThat(request.chain()).containsExactly("tool:b", "tool:c");
        assertThat(request.chainOn()).isEqualTo("any");
        assertThat(none.chain()).isNull();
        assertThat(none.chainOn()).isNull();
    }

    @Test
    void refusesChainHopsThatAreNoToolsTooLongAChainAndAnUnknownChainOn() {
        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("""
                {"options": {"chain": ["tool:b", "https://x.example.test", 3, "tool:"], "chainOn": "failure"}}""")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("options.chain[1]", "options.chain[2]", "options.chain[3]",
                                "options.chainOn"));
        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("""
                {"options": {"chain": "tool:b", "webhookUrl": "http:///no-host"}}""")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("options.chain", "options.webhookUrl"));
    }

    @Test
    void refusesAChainOfMoreThanTenHops() {
        String eleven = String.join(",", java.util.Collections.nCopies(11, "\"tool:x\""));
        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("{\"options\": {\"chain\": [" + eleven + "]}}")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldProblem::message).containsExactly("may have at most 10 hops"));
    }

    /** Found by the bad-input sweep: input just readable nests too deep to publish once inside an event. */
    @Test
    void inputsNestedTooDeepAreRefusedNamingInputs() {
        String deep = "{\"a\":" + "[".repeat(400) + "]".repeat(400) + "}";

        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("{\"inputs\": " + deep + "}")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldProblem::field).containsExactly("inputs"));
    }

    /** Found by the bad-input sweep: 1.5 MB of credentials made a StepRequested over the broker's 1 MB, a 500. */
    @Test
    void credentialsAndInputsTooLargeToTravelAreRefusedNamingTheFieldNeverTheValue() {
        String bigSecret = "s".repeat(RunRequestReader.MAX_CREDENTIAL_CHARS + 1);
        String bigInput = "i".repeat(dev.switchboard.orchestrator.run.InputLimits.MAX_CHARS);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= RunRequestReader.MAX_CREDENTIALS; i++) {
            many.append(i == 0 ? "" : ",").append("\"N").append(i).append("\": \"v\"");
        }

        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("{\"credentials\": {\"TOKEN\": \"" + bigSecret
                + "\"}, \"inputs\": {\"text\": \"" + bigInput + "\"}}")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldProblem::field)
                            .containsExactlyInAnyOrder("credentials.TOKEN", "inputs");
                    assertThat(e.errors().toString()).doesNotContain("ssssssssss");
                });
        assertThatThrownBy(() -> RunRequestReader.read(json.readTree("{\"credentials\": " + many + "}}")))
                .isInstanceOfSatisfying(InvalidRunRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldProblem::field).containsExactly("credentials"));
        assertThat(RunRequestReader.read(json.readTree("{\"credentials\": {\"TOKEN\": \""
                + "s".repeat(RunRequestReader.MAX_CREDENTIAL_CHARS) + "\"}}")).credentials()).containsKey("TOKEN");
    }
}
