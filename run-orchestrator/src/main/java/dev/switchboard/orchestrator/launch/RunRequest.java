package dev.switchboard.orchestrator.launch;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /tools/{id}/run}, as read and checked by {@link RunRequestReader}. {@code chain}
 * and {@code chainOn} are null when the request does not give them (the tool's defaults apply).
 */
record RunRequest(String runId, JsonNode inputs, Map<String, String> credentials, boolean async, Long timeoutMs,
        String webhookUrl, String traceId, List<String> chain, String chainOn) {

    /** A request that names no chain. */
    RunRequest(String runId, JsonNode inputs, Map<String, String> credentials, boolean async, Long timeoutMs,
            String webhookUrl, String traceId) {
        this(runId, inputs, credentials, async, timeoutMs, webhookUrl, traceId, null, null);
    }
}
