package dev.switchboard.orchestrator.launch;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code POST /tools/{id}/run}, as read and checked by {@link RunRequestReader}. */
record RunRequest(String runId, JsonNode inputs, Map<String, String> credentials, boolean async, Long timeoutMs,
        String webhookUrl, String traceId) {
}
