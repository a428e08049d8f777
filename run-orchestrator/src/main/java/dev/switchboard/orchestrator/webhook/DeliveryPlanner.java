package dev.switchboard.orchestrator.webhook;

import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.RunOptions;
import dev.switchboard.contracts.event.RunStatus;
import dev.switchboard.contracts.event.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides what a finished run's end sets off (docs/webhooks.md). Its hops are {@code webhookUrl}
 * if that is {@code tool:<id>}, then {@code chain}; an http(s) {@code webhookUrl} is the chain's
 * final URL. With no hop left, the result is POSTed to that URL; otherwise the first hop starts
 * with the run's output as inputs and inherits the rest: hops, final URL, chainOn. A chain stops
 * at a run that did not succeed (unless chainOn is any), posting to the final URL if there is one;
 * a hop past {@value #MAX_DEPTH} or back to a tool already in the chain is refused.
 */
final class DeliveryPlanner {

    static final int MAX_DEPTH = 10;
    private static final String TOOL = "tool:";

    private final JsonMapper json;

    DeliveryPlanner(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param chain the run's hops after its webhookUrl (from its document), or null
     * @param chainOn the run's chainOn, or null for success
     */
    WebhookDelivery plan(RunFinished finished, List<String> chain, String chainOn, Instant now) {
        String webhookUrl = finished.webhookUrl();
        List<String> hops = new ArrayList<>();
        if (webhookUrl.startsWith(TOOL)) {
            hops.add(webhookUrl);
        }
        if (chain != null) {
            hops.addAll(chain);
        }
        String finalUrl = webhookUrl.startsWith(TOOL) ? null : webhookUrl;
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.setRunId(finished.runId());
        delivery.setToolId(finished.toolId());
        delivery.setTraceId(finished.traceId());
        delivery.setRunFinishedAt(finished.occurredAt());
        delivery.setCreatedAt(now);
        delivery.setNextAttemptAt(now);
        delivery.setStatus(WebhookDelivery.PENDING);
        boolean chains = finished.status() == RunStatus.SUCCESS || RunOptions.CHAIN_ON_ANY.equals(chainOn);
        if (hops.isEmpty() || !chains && finalUrl != null) {
            // nothing left to chain, or the chain ends at this run: its result goes to the final URL
            delivery.setUrl(finalUrl);
            delivery.setBody(body(finished));
            return delivery;
        }
        String target = hops.getFirst();
        delivery.setUrl(target);
        if (!chains) {
            return refused(delivery, "not chained: the run " + status(finished) + " and chainOn is success");
        }
        String toolId = target.substring(TOOL.length());
        Trigger trigger = finished.trigger();
        int depth = (trigger == null ? 0 : trigger.chainDepth()) + 1;
        List<String> ancestors = new ArrayList<>(trigger == null || trigger.ancestorToolIds() == null ? List.of()
                : trigger.ancestorToolIds());
        ancestors.add(finished.toolId());
        if (depth > MAX_DEPTH) {
            return refused(delivery, "not chained: tool '" + toolId + "' would be hop " + depth
                    + ", and a chain has at most " + MAX_DEPTH);
        }
        if (ancestors.contains(toolId)) {
            return refused(delivery, "not chained: tool '" + toolId + "' is already in this chain ("
                    + String.join(" → ", ancestors) + " → " + toolId + "), which would be a cycle");
        }
        JsonNode output = finished.data();
        if (output != null && !output.isNull() && !output.isObject()) {
            return refused(delivery, "not chained: the run's output is not a JSON object, so it cannot be the"
                    + " inputs of tool '" + toolId + "'");
        }
        List<String> rest = hops.subList(1, hops.size());
        delivery.setBody(output == null || output.isNull() ? "{}" : output.toString());
        delivery.setNext(new WebhookDelivery.NextRun(childRunId(finished.runId()), toolId,
                trigger == null ? null : trigger.userId(), trigger == null ? null : trigger.chatId(), depth,
                List.copyOf(ancestors), finalUrl, rest.isEmpty() ? null : List.copyOf(rest),
                // chainOn belongs to the chain given with the run; a child left with none takes its tool's
                rest.isEmpty() ? null : chainOn));
        return delivery;
    }

    /**
     * The child's runId, fixed by its parent's, so starting the hop again (a redelivered
     * RunFinished, a retry after a crash) finds the run already there.
     */
    static String childRunId(String parentRunId) {
        return UUID.nameUUIDFromBytes(("chain:" + parentRunId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@code {runId, toolId, status, success, data, error, finishedAt}}, serialised once for every attempt. */
    private String body(RunFinished finished) {
        ObjectNode body = json.createObjectNode();
        body.put("runId", finished.runId());
        body.put("toolId", finished.toolId());
        body.put("status", status(finished));
        body.put("success", finished.status() == RunStatus.SUCCESS);
        body.set("data", finished.data());
        body.set("error", finished.error() == null ? null : json.valueToTree(finished.error()));
        body.put("finishedAt", finished.finishedAt() == null ? null : finished.finishedAt().toString());
        return json.writeValueAsString(body);
    }

    private static String status(RunFinished finished) {
        return finished.status().name().toLowerCase(Locale.ROOT);
    }

    private static WebhookDelivery refused(WebhookDelivery delivery, String reason) {
        delivery.setStatus(WebhookDelivery.REFUSED);
        delivery.setReason(reason);
        delivery.setNextAttemptAt(null);
        return delivery;
    }
}
