package dev.switchboard.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.RunStatus;
import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.event.TriggerType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chain rules alone: what a finished run's end sets off. */
class DeliveryPlannerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final DeliveryPlanner planner = new DeliveryPlanner(JSON);

    @Test
    void anHttpWebhookPostsTheResultWithTheDocumentedFields() {
        WebhookDelivery delivery = planner.plan(finished("a", RunStatus.SUCCESS, "{\"n\":1}", "https://h.test/x",
                null), null, null, NOW);

        assertThat(delivery.getStatus()).isEqualTo("pending");
        assertThat(delivery.getUrl()).isEqualTo("https://h.test/x");
        assertThat(delivery.isChainHop()).isFalse();
        JsonNode body = JSON.readTree(delivery.getBody());
        assertThat(body.propertyNames()).containsExactly("runId", "toolId", "status", "success", "data", "error",
                "finishedAt");
        assertThat(body.get("data").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void aChainHopCarriesTheRestOfTheChainTheFinalUrlAndTheAncestry() {
        Trigger chained = new Trigger(TriggerType.CHAIN, "alice", "chat-1", null, "run-0", 1, List.of("root"));
        WebhookDelivery delivery = planner.plan(finished("a", RunStatus.SUCCESS, "{\"n\":1}", "https://h.test/end",
                chained), List.of("tool:b", "tool:c"), "any", NOW);

        assertThat(delivery.getUrl()).isEqualTo("tool:b");
        WebhookDelivery.NextRun next = delivery.getNext();
        assertThat(next.toolId()).isEqualTo("b");
        assertThat(next.chainDepth()).isEqualTo(2);
        assertThat(next.ancestorToolIds()).containsExactly("root", "a");
        assertThat(next.chain()).containsExactly("tool:c");
        assertThat(next.webhookUrl()).isEqualTo("https://h.test/end");
        assertThat(next.chainOn()).isEqualTo("any");
        assertThat(next.userId()).isEqualTo("alice");
        assertThat(next.chatId()).isEqualTo("chat-1");
        assertThat(next.childRunId()).isEqualTo(DeliveryPlanner.childRunId("run-a"))
                .isNotEqualTo(DeliveryPlanner.childRunId("run-b"));
        assertThat(JSON.readTree(delivery.getBody()).get("n").asInt()).isEqualTo(1);
    }

    @Test
    void theLastHopOfAGivenChainLeavesChainOnToItsTool() {
        WebhookDelivery delivery = planner.plan(finished("a", RunStatus.SUCCESS, "{}", "tool:b", null), null, "any",
                NOW);

        assertThat(delivery.getNext().chain()).isNull();
        assertThat(delivery.getNext().chainOn()).isNull();
        assertThat(delivery.getNext().webhookUrl()).isNull();
    }

    @Test
    void aFailedRunEndsTheChainAtTheFinalUrlOrIsRefusedWithoutOne() {
        WebhookDelivery withUrl = planner.plan(finished("a", RunStatus.FAILED, null, "https://h.test/end", null),
                List.of("tool:b"), null, NOW);
        WebhookDelivery without = planner.plan(finished("a", RunStatus.ABORTED, null, "tool:b", null), null,
                "success", NOW);

        assertThat(withUrl.getUrl()).isEqualTo("https://h.test/end");
        assertThat(withUrl.getStatus()).isEqualTo("pending");
        assertThat(JSON.readTree(withUrl.getBody()).get("success").asBoolean()).isFalse();
        assertThat(without.getStatus()).isEqualTo("refused");
        assertThat(without.getReason()).isEqualTo("not chained: the run aborted and chainOn is success");
    }

    @Test
    void cyclesAndTheEleventhHopAreRefused() {
        Trigger deep = new Trigger(TriggerType.CHAIN, "alice", null, null, "p", 10, List.of("t0"));
        Trigger ancestry = new Trigger(TriggerType.CHAIN, "alice", null, null, "p", 1, List.of("x"));

        assertThat(planner.plan(finished("t10", RunStatus.SUCCESS, "{}", "tool:t11", deep), null, null, NOW)
                .getReason()).contains("would be hop 11");
        assertThat(planner.plan(finished("y", RunStatus.SUCCESS, "{}", "tool:x", ancestry), null, null, NOW)
                .getReason()).contains("(x → y → x)");
        assertThat(planner.plan(finished("a", RunStatus.SUCCESS, "{}", "tool:a", null), null, null, NOW)
                .getReason()).contains("(a → a)");
    }

    @Test
    void anOutputThatIsNoObjectCannotBeInputsAndNoOutputIsAnEmptyObject() {
        assertThat(planner.plan(finished("a", RunStatus.SUCCESS, "[1,2]", "tool:b", null), null, null, NOW)
                .getReason()).contains("not a JSON object");
        assertThat(planner.plan(finished("a", RunStatus.FAILED, null, "tool:b", null), null, "any", NOW).getBody())
                .isEqualTo("{}");
    }

    private static RunFinished finished(String toolId, RunStatus status, String data, String webhookUrl,
            Trigger trigger) {
        return new RunFinished(UUID.randomUUID(), NOW, "trace", "run-" + toolId, toolId, status,
                data == null ? null : JSON.readTree(data),
                status == RunStatus.SUCCESS ? null : new RunError("X", "it broke", null, null), NOW.minusSeconds(1),
                NOW, trigger == null ? Trigger.api("alice") : trigger, webhookUrl);
    }
}
