package dev.switchboard.orchestrator.launch;

import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.InputLimits;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a run request field by field, so every mistake is reported with its field, all at once,
 * and nothing unknown is silently ignored (a misspelt {@code option} would otherwise run sync).
 */
final class RunRequestReader {

    static final long MAX_TIMEOUT_MS = 24L * 60 * 60 * 1000;
    private static final Pattern TOOL_TARGET = Pattern.compile("tool:[^\\s]+");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final Set<String> FIELDS = Set.of("runId", "inputs", "credentials", "options");
    private static final Set<String> OPTIONS = Set.of("async", "timeoutMs", "webhookUrl", "traceId", "chain",
            "chainOn");
    /** Hops of one chain, as the registry allows in a tool's defaultOptions.chain. */
    static final int MAX_CHAIN = 10;
    /**
     * A token, a password or a PEM key: far below this. Credentials are sealed into every
     * StepRequested, under the broker's 1 MB limit (the sweep sent 1.5 MB of them: a 500).
     */
    static final int MAX_CREDENTIAL_CHARS = 16 * 1024;
    static final int MAX_CREDENTIALS = 32;

    private RunRequestReader() {
    }

    static RunRequest read(JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw new InvalidRunRequestException(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        body.propertyNames().stream().filter(name -> !FIELDS.contains(name)).forEach(name ->
                problems.add(new FieldProblem(name, "is not a field of a run request (runId, inputs, credentials,"
                        + " options)")));
        String runId = null;
        JsonNode id = body.get("runId");
        if (id != null && !id.isNull()) {
            if (!id.isString() || !RUN_ID.matcher(id.asString()).matches()) {
                problems.add(new FieldProblem("runId", "must be 1-128 characters of letters, digits, _ . : -,"
                        + " starting with a letter or digit"));
            } else {
                runId = id.asString();
            }
        }
        JsonNode inputs = body.get("inputs");
        if (inputs == null || inputs.isNull()) {
            inputs = JsonNodeFactory.instance.objectNode();
        } else if (!inputs.isObject()) {
            problems.add(new FieldProblem("inputs", "must be a JSON object"));
        } else {
            InputLimits.violation(inputs).ifPresent(message -> problems.add(new FieldProblem("inputs", message)));
        }
        Map<String, String> credentials = credentials(body.get("credentials"), problems);
        JsonNode options = body.get("options");
        boolean async = false;
        Long timeoutMs = null;
        String webhookUrl = null;
        String traceId = null;
        List<String> chain = null;
        String chainOn = null;
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                problems.add(new FieldProblem("options", "must be a JSON object"));
            } else {
                options.propertyNames().stream().filter(name -> !OPTIONS.contains(name)).forEach(name ->
                        problems.add(new FieldProblem("options." + name, "is not a run option (async, timeoutMs,"
                                + " webhookUrl, chain, chainOn, traceId)")));
                JsonNode a = options.get("async");
                if (a != null && !a.isNull()) {
                    if (a.isBoolean()) {
                        async = a.asBoolean();
                    } else {
                        problems.add(new FieldProblem("options.async", "must be true or false"));
                    }
                }
                JsonNode t = options.get("timeoutMs");
                if (t != null && !t.isNull()) {
                    // canConvertToLong first: asLong() throws on a number beyond 64 bits (it was a 500)
                    if (t.isIntegralNumber() && t.canConvertToLong() && t.asLong() >= 1
                            && t.asLong() <= MAX_TIMEOUT_MS) {
                        timeoutMs = t.asLong();
                    } else {
                        problems.add(new FieldProblem("options.timeoutMs", "must be a whole number of milliseconds"
                                + " from 1 to " + MAX_TIMEOUT_MS + " (24 h)"));
                    }
                }
                webhookUrl = webhookUrl(options.get("webhookUrl"), problems);
                chain = chain(options.get("chain"), problems);
                JsonNode on = options.get("chainOn");
                if (on != null && !on.isNull()) {
                    if (on.isString() && Set.of("success", "any").contains(on.asString())) {
                        chainOn = on.asString();
                    } else {
                        problems.add(new FieldProblem("options.chainOn", "must be success or any"));
                    }
                }
                JsonNode trace = options.get("traceId");
                if (trace != null && !trace.isNull()) {
                    if (trace.isString() && trace.asString().matches("[A-Za-z0-9_.:-]{1,128}")) {
                        traceId = trace.asString();
                    } else {
                        problems.add(new FieldProblem("options.traceId", "must be 1-128 characters of letters,"
                                + " digits, _ . : -"));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        return new RunRequest(runId, inputs, credentials, async, timeoutMs, webhookUrl, traceId, chain, chainOn);
    }

    static Map<String, String> credentials(JsonNode node, List<FieldProblem> problems) {
        Map<String, String> credentials = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return credentials;
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem("credentials", "must be an object of NAME: value strings"));
            return credentials;
        }
        if (node.size() > MAX_CREDENTIALS) {
            problems.add(new FieldProblem("credentials", "must hold at most " + MAX_CREDENTIALS + " names"));
            return credentials;
        }
        node.properties().forEach(e -> {
            if (!e.getKey().matches("[A-Za-z0-9_.-]{1,128}")) {
                problems.add(new FieldProblem("credentials", "names must be 1-128 characters of letters, digits,"
                        + " _ . -"));
            } else if (!e.getValue().isString()) {
                // never echo the value: it is a credential
                problems.add(new FieldProblem("credentials." + e.getKey(), "must be a string"));
            } else if (e.getValue().asString().length() > MAX_CREDENTIAL_CHARS) {
                problems.add(new FieldProblem("credentials." + e.getKey(), "must be at most " + MAX_CREDENTIAL_CHARS
                        + " characters"));
            } else {
                credentials.put(e.getKey(), e.getValue().asString());
            }
        });
        return credentials;
    }

    private static boolean hasHost(String url) {
        try {
            String host = new URI(url).getHost();
            return host != null && !host.isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> chain(JsonNode node, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(new FieldProblem("options.chain", "must be a list of tool:<toolId>"));
            return null;
        }
        if (node.size() > MAX_CHAIN) {
            problems.add(new FieldProblem("options.chain", "may have at most " + MAX_CHAIN + " hops"));
        }
        List<String> hops = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode hop = node.get(i);
            if (hop.isString() && TOOL_TARGET.matcher(hop.asString()).matches()) {
                hops.add(hop.asString());
            } else {
                problems.add(new FieldProblem("options.chain[" + i + "]", "must be tool:<toolId>"));
            }
        }
        return hops;
    }

    private static String webhookUrl(JsonNode node, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        String url = node.isString() ? node.asString() : "";
        if (TOOL_TARGET.matcher(url).matches() || url.matches("(?i)https?://[^\\s]+") && hasHost(url)) {
            return url;
        }
        problems.add(new FieldProblem("options.webhookUrl", "must be an http(s) URL or tool:<toolId>"));
        return null;
    }
}
