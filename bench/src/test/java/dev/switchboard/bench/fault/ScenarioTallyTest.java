package dev.switchboard.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioTallyTest {

    private static final long RECOVERED = 1_000_000L;

    @Test
    void aRunWithoutAFinalStateIsLostAndTheRestAreCountedByStatus() {
        ScenarioReport report = tally(Set.of("r1", "r2", "r3", "r4"),
                Map.of("r1", "success", "r2", "failed", "r4", "success", "not-accepted", "success"),
                List.of(), List.of());

        assertThat(report.runsAccepted()).isEqualTo(4);
        assertThat(report.finishedByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of("success", 2, "failed", 1));
        assertThat(report.runsLost()).isEqualTo(1);
        assertThat(report.lostRunIds()).containsExactly("r3");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void failedRunsAreCountedByErrorCodeAndALostRunsCodeIsNot() {
        ScenarioReport report = ScenarioTally.tally("test", Set.of("r1", "r2", "r3", "r4"),
                0, Map.of("r1", "failed", "r2", "failed", "r3", "failed"),
                Map.of("r1", "CIRCUIT_OPEN", "r2", "HTTP_ERROR", "r3", "CIRCUIT_OPEN", "r4", "TIMEOUT"),
                List.of(), List.of(), RECOVERED, 1.0, 2.0);

        assertThat(report.errorsByCode()).containsExactlyInAnyOrderEntriesOf(Map.of("CIRCUIT_OPEN", 2,
                "HTTP_ERROR", 1));
    }

    @Test
    void aCallRepeatedWhoseFirstCallBeganBeforeRecoveryIsAnIdempotentDuplicate() {
        ScenarioReport report = tally(Set.of("r1"), Map.of("r1", "success"), List.of(
                call("r1:a:0", RECOVERED - 10, 200), call("r1:a:0", RECOVERED + 10, 200),
                call("r1:b:0", RECOVERED + 20, 200), call("r1:b:1", RECOVERED + 20, 200)),
                List.of(hook("r1", true)));

        assertThat(report.targetCalls()).isEqualTo(4);
        assertThat(report.duplicateCalls()).isEqualTo(1);
        assertThat(report.duplicateKeys()).isEqualTo(1);
        assertThat(report.unexplainedDuplicates()).isZero();
        assertThat(report.idempotentDuplicates()).isTrue();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aCallRepeatedLongAfterRecoveryIsUnexplainedUnlessItWasAnswered503() {
        ScenarioReport report = tally(Set.of("r1"), Map.of("r1", "success"), List.of(
                call("r1:a:0", RECOVERED + 10, 200), call("r1:a:0", RECOVERED + 20, 200),
                call("r1:a:0", RECOVERED + 30, 200),
                call("r1:c:0", RECOVERED + 10, 503), call("r1:c:0", RECOVERED + 20, 200)),
                List.of(hook("r1", true)));

        assertThat(report.duplicateCalls()).isEqualTo(3);
        assertThat(report.duplicateKeys()).isEqualTo(2);
        assertThat(report.unexplainedDuplicates()).isEqualTo(2);
        assertThat(report.idempotentDuplicates()).isFalse();
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aCallWithoutAnIdempotencyKeyIsNeverIdempotent() {
        ScenarioReport report = tally(Set.of("r1"), Map.of("r1", "success"),
                List.of(call(null, RECOVERED - 10, 200)), List.of(hook("r1", true)));

        assertThat(report.callsWithoutKey()).isEqualTo(1);
        assertThat(report.duplicateCalls()).isZero();
        assertThat(report.idempotentDuplicates()).isFalse();
    }

    @Test
    void webhooksCountRunsDeliveredOnceAndRepeatsAndBadSignaturesApart() {
        ScenarioReport report = tally(Set.of("r1", "r2", "r3"), Map.of("r1", "success", "r2", "success",
                "r3", "failed"), List.of(), List.of(hook("r1", true), hook("r1", true), hook("r2", false),
                hook("other", true), hook(null, true)));

        assertThat(report.webhooksExpected()).isEqualTo(3);
        assertThat(report.webhooksDelivered()).isEqualTo(2);
        assertThat(report.webhookRepeats()).isEqualTo(1);
        assertThat(report.badSignatures()).isEqualTo(1);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void theRunOfAKeyIsWhatPrecedesStepAndItem() {
        assertThat(call("fault-a-12:b:1", 0, 200).runId()).isEqualTo("fault-a-12");
        assertThat(call("run:with:colons:b:1", 0, 200).runId()).isEqualTo("run:with:colons");
        assertThat(call("no-colons", 0, 200).runId()).isNull();
        assertThat(call("one:colon", 0, 200).runId()).isNull();
        assertThat(call(":a:0", 0, 200).runId()).isNull();
        assertThat(call(null, 0, 200).runId()).isNull();
    }

    @Test
    void recordsOfOneScenarioArePickedByRunPrefix() {
        List<WebhookDelivery> picked = ScenarioTally.ofRuns(List.of(hook("fault-a-1", true), hook("fault-b-1", true),
                hook(null, true)), WebhookDelivery::runId, "fault-a-");

        assertThat(picked).containsExactly(hook("fault-a-1", true));
    }

    private static ScenarioReport tally(Set<String> accepted, Map<String, String> finals, List<TargetCall> calls,
            List<WebhookDelivery> hooks) {
        return ScenarioTally.tally("test", accepted, 0, finals, Map.of(), calls, hooks, RECOVERED, 1.0, 2.0);
    }

    private static TargetCall call(String key, long startedAt, int status) {
        return new TargetCall(key, startedAt, status);
    }

    private static WebhookDelivery hook(String runId, boolean valid) {
        return new WebhookDelivery(runId, valid);
    }
}
