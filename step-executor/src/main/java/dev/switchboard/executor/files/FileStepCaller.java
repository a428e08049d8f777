package dev.switchboard.executor.files;

import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.executor.call.CallAuthException;
import dev.switchboard.executor.call.ProtocolCaller;
import dev.switchboard.executor.call.SecretPlaceholders;
import dev.switchboard.executor.call.StepOutcome;
import dev.switchboard.executor.resilience.AttemptVerdict;
import dev.switchboard.executor.resilience.Attempts;
import dev.switchboard.executor.resilience.ConnectorResilience;
import dev.switchboard.executor.resilience.ResilienceRejection;
import dev.switchboard.executor.secret.SecretResolutionException;
import dev.switchboard.executor.secret.SecretResolver;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file-server step (ARCHITECTURE §5, ADR 014): the body's operations — one, or a batch run in order
 * that stops at the first failure — on a pooled session of the connector's server. Everything that
 * can be checked is checked before connecting: the body, the paths (confined to the base path), the
 * content, the login secret; a missing secret or a bad operation connects to nothing. Only a failure
 * to connect is retried, under the connector's {@code retry}; breaker, bulkhead and rate limit apply
 * as to HTTP steps. Every message is masked.
 */
abstract class FileStepCaller implements ProtocolCaller {

    private final StepKind kind;
    private final SessionOpener opener;
    private final SecretResolver secrets;
    private final ConnectorResilience resilience;
    private final FileSessions sessions;
    private final FileRequestReader reader;
    private final FileOperations operations;
    private final long maxBytes;
    private final JsonMapper json;

    FileStepCaller(StepKind kind, SessionOpener opener, SecretResolver secrets, ConnectorResilience resilience,
            FileSessions sessions, FileCallProperties properties, JsonMapper json) {
        this.kind = kind;
        this.opener = opener;
        this.secrets = secrets;
        this.resilience = resilience;
        this.sessions = sessions;
        this.json = json;
        FileContent content = new FileContent(json);
        this.reader = new FileRequestReader(json, content, properties.maxOperations(), properties.maxFileBytes());
        this.operations = new FileOperations(content);
        this.maxBytes = properties.maxFileBytes();
    }

    @Override
    public StepKind kind() {
        return kind;
    }

    SessionOpener opener() {
        return opener;
    }

    @Override
    public StepOutcome call(StepRequested step, Optional<JsonNode> connector, Map<String, String> credentials) {
        SecretPlaceholders placeholders = new SecretPlaceholders(secrets, step.userId(), credentials);
        String ref = step.request().connector();
        try {
            if (connector.isEmpty() || ref == null) {
                return StepOutcome.failed("INVALID_REQUEST", "a " + kind.wire() + " step needs a connector: it holds"
                        + " the server and the login", null, 0);
            }
            FileServer server = FileServer.read(ref, connector.get(), kind, placeholders);
            FileBatch batch = reader.read(step.request().body(), server.basePath(), placeholders);
            Attempts<Attempt> done = resilience.call(ref, connector.get(), step.deadline(),
                    () -> attempt(step, connector.get(), server, batch, placeholders), Attempt::verdict);
            StepOutcome outcome = done.last().outcome();
            return new StepOutcome(outcome.success(), masked(outcome.data(), placeholders), outcome.error(),
                    outcome.calls(), null, done.attempts() - 1);
        } catch (SecretResolutionException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), null, 0);
        } catch (CallAuthException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), null, 0);
        } catch (FileCallException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), null, 0);
        } catch (ResilienceRejection e) {
            return StepOutcome.failed(e.code(), e.getMessage(), null, 0);
        }
    }

    private Attempt attempt(StepRequested step, JsonNode connector, FileServer server, FileBatch batch,
            SecretPlaceholders placeholders) {
        Duration timeout = resilience.attemptTimeout(step.request().connector(), connector, step.deadline());
        FileSessions.Lease lease;
        try {
            lease = sessions.lease(server, opener, timeout);
        } catch (FileCallException e) {
            StepOutcome failed = StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), null,
                    e.connectFailure() ? 1 : 0);
            return new Attempt(failed, e.connectFailure() ? AttemptVerdict.connectError()
                    : AttemptVerdict.notRetryable());
        }
        try (lease) {
            return new Attempt(run(lease, server, batch, placeholders), AttemptVerdict.success());
        }
    }

    /** Every operation in order; the first failure ends the step, with the results so far. */
    private StepOutcome run(FileSessions.Lease lease, FileServer server, FileBatch batch,
            SecretPlaceholders placeholders) {
        ArrayNode results = json.createArrayNode();
        long[] budget = {maxBytes};
        int made = 0;
        for (FileRequest request : batch.requests()) {
            made++;
            try {
                JsonNode data = operations.run(lease.session(), request, budget);
                if (!batch.batch()) {
                    return StepOutcome.ok(data);
                }
                results.add(entry(request).put("success", true).set("data", data));
            } catch (FileCallException e) {
                if (e.code().equals("FILE_TOO_LARGE")) {
                    lease.broken();
                }
                return failed(batch, request, results, made, e.code(), placeholders.mask(e.getMessage()));
            } catch (IOException e) {
                lease.broken();
                boolean timedOut = e instanceof SocketTimeoutException;
                return failed(batch, request, results, made, timedOut ? "TIMEOUT" : "CONNECTION_LOST",
                        placeholders.mask((timedOut ? "no answer from " : "the connection to ") + server.host()
                                + (timedOut ? " in time" : " failed") + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                lease.broken();
                throw e;
            }
        }
        return new StepOutcome(true, results, null, new CallStats(made, 1));
    }

    private StepOutcome failed(FileBatch batch, FileRequest request, ArrayNode results, int made, String code,
            String message) {
        if (!batch.batch()) {
            return StepOutcome.failed(code, message, null, made);
        }
        ObjectNode error = json.createObjectNode().put("code", code).put("message", message);
        results.add(entry(request).put("success", false).set("error", error));
        String what = "operation " + (request.index() + 1) + " of " + batch.requests().size() + " ("
                + request.operation().wire() + " " + request.path().visible() + ")";
        return new StepOutcome(false, results, new StepError(code, what + ": " + message, null),
                new CallStats(made, 1));
    }

    /**
     * The result with every secret value masked in every string, as an HTTP body is: it is stored
     * with the run, and a file or a path may hold a secret that was filled into the request.
     */
    private JsonNode masked(JsonNode data, SecretPlaceholders placeholders) {
        if (data == null) {
            return null;
        }
        if (data.isString()) {
            String text = data.asString();
            String masked = placeholders.mask(text);
            return masked.equals(text) ? data : json.getNodeFactory().stringNode(masked);
        }
        if (data.isObject()) {
            ObjectNode copy = json.createObjectNode();
            data.properties().forEach(e -> copy.set(e.getKey(), masked(e.getValue(), placeholders)));
            return copy;
        }
        if (data.isArray()) {
            ArrayNode copy = json.createArrayNode();
            data.forEach(element -> copy.add(masked(element, placeholders)));
            return copy;
        }
        return data;
    }

    private ObjectNode entry(FileRequest request) {
        return json.createObjectNode().put("operation", request.operation().wire())
                .put("path", request.path().visible());
    }

    /** What one attempt came to, and whether another is worth making (only after a failed connect). */
    private record Attempt(StepOutcome outcome, AttemptVerdict verdict) {
    }
}
