package dev.switchboard.executor.resilience;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A connector's own resilience settings ({@code retry}, {@code rateLimit}, {@code timeoutMs}) with the
 * executor's defaults where it says nothing.
 *
 * <p>A value outside what the registry accepts (docs/registry.md: maxAttempts 1–10, backoffMs 0–60000,
 * retryOn 400–599, perSecond above 0 and at most 10000, timeoutMs 1–300000) is refused with
 * {@code INVALID_CONNECTOR_CONFIG} rather than replaced by a default: the registry checks on save, so
 * such a document slipped past it, and guessing (is {@code maxAttempts: 0} "no retries" or "default"?
 * is a garbled perSecond "no limit"?) would change how hard we hit someone's API without telling anyone.
 *
 * @param perSecond the rate limit, or null for none
 */
record ConnectorPolicy(int maxAttempts, Duration backoff, Set<Integer> retryOn, Double perSecond,
        Duration timeout) {

    /** 429 asks to come back later; 502–504 are a proxy's or an overloaded server's, typically brief. */
    private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);

    ConnectorPolicy {
        retryOn = Set.copyOf(retryOn);
    }

    /** Retry defaults only: for raw-url steps and connectors that set nothing. */
    static ConnectorPolicy defaults(ResilienceProperties defaults) {
        return new ConnectorPolicy(defaults.maxAttempts(), defaults.backoff(), Set.of(), null, defaults.timeout());
    }

    static ConnectorPolicy of(String ref, JsonNode connector, ResilienceProperties defaults) {
        ConnectorPolicy fallback = defaults(defaults);
        if (connector == null || connector.isMissingNode() || connector.isNull()) {
            return fallback;
        }
        Reader read = new Reader(ref);
        JsonNode retry = read.object(connector, "retry");
        int maxAttempts = (int) read.whole(retry, "maxAttempts", "retry.maxAttempts", 1, 10,
                fallback.maxAttempts());
        long backoffMs = read.whole(retry, "backoffMs", "retry.backoffMs", 0, 60_000, fallback.backoff().toMillis());
        Set<Integer> retryOn = new LinkedHashSet<>();
        JsonNode statuses = retry == null ? null : retry.get("retryOn");
        if (statuses != null && !statuses.isNull()) {
            if (!statuses.isArray()) {
                throw read.invalid("retry.retryOn", "must be a list of HTTP error statuses", statuses);
            }
            for (JsonNode status : statuses) {
                retryOn.add((int) read.whole(status, "retry.retryOn[]", 400, 599));
            }
        }
        JsonNode rateLimit = read.object(connector, "rateLimit");
        Double perSecond = null;
        if (rateLimit != null) {
            JsonNode value = rateLimit.get("perSecond");
            if (value == null || !value.isNumber() || !(value.doubleValue() > 0) || value.doubleValue() > 10_000) {
                throw read.invalid("rateLimit.perSecond", "must be a number above 0 and at most 10000", value);
            }
            perSecond = value.doubleValue();
        }
        long timeoutMs = read.whole(connector, "timeoutMs", "timeoutMs", 1, 300_000, fallback.timeout().toMillis());
        return new ConnectorPolicy(maxAttempts, Duration.ofMillis(backoffMs), retryOn, perSecond,
                Duration.ofMillis(timeoutMs));
    }

    /** Worth another attempt: connect errors, timeouts, 429, 502–504, and whatever the connector adds. */
    boolean retryable(AttemptVerdict verdict) {
        return switch (verdict.kind()) {
            case CONNECT_ERROR, TIMEOUT -> true;
            case RESPONSE -> RETRIED.contains(verdict.httpStatus()) || retryOn.contains(verdict.httpStatus());
            case FINAL -> false;
        };
    }

    private record Reader(String ref) {

        JsonNode object(JsonNode parent, String field) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw invalid(field, "must be an object", node);
            }
            return node;
        }

        long whole(JsonNode parent, String field, String path, long min, long max, long fallback) {
            JsonNode node = parent == null ? null : parent.get(field);
            return node == null || node.isNull() ? fallback : whole(node, path, min, max);
        }

        long whole(JsonNode node, String path, long min, long max) {
            boolean integral = node.isIntegralNumber()
                    || node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue());
            if (!integral || node.doubleValue() < min || node.doubleValue() > max) {
                throw invalid(path, "must be a whole number from " + min + " to " + max, node);
            }
            return node.longValue();
        }

        ResilienceRejection invalid(String path, String rule, JsonNode value) {
            return new ResilienceRejection(ResilienceRejection.INVALID_CONNECTOR_CONFIG, ref,
                    "connector '" + (ref == null ? "(none)" : ref) + "': " + path + " " + rule + ", got "
                            + (value == null ? "nothing" : value.toString()));
        }
    }
}
