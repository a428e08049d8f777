package dev.switchboard.orchestrator.launch;

import dev.switchboard.contracts.event.RunOptions;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.contracts.transit.CredentialSeal;
import dev.switchboard.orchestrator.engine.RunEngine;
import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.RunExistsException;
import dev.switchboard.orchestrator.run.RunNotFoundException;
import dev.switchboard.orchestrator.run.RunStore;
import dev.switchboard.orchestrator.run.RunWaiters;
import dev.switchboard.orchestrator.schema.SchemaViolations;
import dev.switchboard.orchestrator.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Accepts a run (ARCHITECTURE §7): checks the inputs against the tool's inputSchema, then has the
 * engine begin it, store it (the unique runId refuses a reuse, also when two identical requests
 * race) and publish its first calls and RunRequested. A publish that fails after the insert is
 * not an error for the caller: the run is accepted, and the sweeper requests it again.
 */
@Service
class RunLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(30);

    private final RegistryView registry;
    private final RunStore store;
    private final RunWaiters waiters;
    private final SchemaViolations schemas;
    private final RunEngine engine;
    private final Clock clock;
    private final CredentialSeal seal;
    private final Duration syncWaitMax;

    RunLauncher(RegistryView registry, RunStore store, RunWaiters waiters, SchemaViolations schemas,
            RunEngine engine, Clock clock,
            @Value("${switchboard.transit.key:}") String transitKey,
            @Value("${switchboard.runs.sync-wait-max:5m}") Duration syncWaitMax) {
        this.registry = registry;
        this.store = store;
        this.waiters = waiters;
        this.schemas = schemas;
        this.engine = engine;
        this.clock = clock;
        this.seal = transitKey.isBlank() ? null : CredentialSeal.withKey(transitKey);
        this.syncWaitMax = syncWaitMax;
    }

    /** The accepted run; for a sync request, as it is when it finished or the wait ran out. */
    Launched launch(String toolId, RunRequest request, Caller caller, String gatewayTraceId)
            throws InterruptedException {
        if (!registry.isCaughtUp()) {
            registry.awaitCaughtUp(REGISTRY_WAIT);
        }
        JsonNode tool = registry.tool(toolId).orElseThrow(() -> new RunNotFoundException("no tool '" + toolId + "'"));
        return launch(tool, request, caller, gatewayTraceId, Trigger.api(caller.userId()));
    }

    /**
     * Runs {@code tool}, which need not be in the registry (a connector test is a one-step tool made
     * on the spot), as started by {@code trigger}.
     */
    Launched launch(JsonNode tool, RunRequest request, Caller caller, String gatewayTraceId, Trigger trigger)
            throws InterruptedException {
        String toolId = tool.path("id").asString();
        List<FieldProblem> problems = schemas.of(tool.get("inputSchema"), request.inputs(), "inputs").stream()
                .map(v -> new FieldProblem(v.field(), v.message())).toList();
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        Map<String, String> credentials = new LinkedHashMap<>(request.credentials());
        // without a transit key the token cannot travel; such steps fail with FORWARD_TOKEN_MISSING
        if (seal != null && caller.token() != null && forwardsCallerToken(tool)) {
            credentials.put(CredentialSeal.CALLER_TOKEN, caller.token());
        }
        if (!request.credentials().isEmpty() && seal == null) {
            throw new InvalidRunRequestException(List.of(new FieldProblem("credentials", "this deployment has no"
                    + " transit key (switchboard.transit.key), so it cannot carry per-run credentials; store them"
                    + " as secrets")));
        }
        JsonNode defaults = tool.path("defaultOptions");
        long timeoutMs = request.timeoutMs() != null ? request.timeoutMs()
                : defaults.path("timeoutMs").asLong(DEFAULT_TIMEOUT.toMillis());
        // where the result goes is one choice: a request that names a webhook or a chain replaces the
        // tool's, so a chain declared on the tool cannot splice itself into the caller's (docs/webhooks.md)
        boolean ownFollowUp = request.webhookUrl() != null || request.chain() != null;
        String webhookUrl = ownFollowUp ? request.webhookUrl() : defaults.path("webhookUrl").asString(null);
        List<String> chain = ownFollowUp ? request.chain() : defaultChain(defaults.path("chain"));
        String chainOn = request.chainOn() != null ? request.chainOn() : defaults.path("chainOn").asString(null);
        String traceId = request.traceId() != null ? request.traceId()
                : gatewayTraceId != null && !gatewayTraceId.isBlank() ? gatewayTraceId : UUID.randomUUID().toString();
        Instant now = clock.instant();
        RunDocument run = new RunDocument();
        run.setRunId(request.runId() != null ? request.runId() : UUID.randomUUID().toString());
        run.setToolId(toolId);
        run.setToolVersion(tool.path("version").asLong(0));
        run.setToolJson(tool.toString());
        run.setStatus(RunDocument.REQUESTED);
        run.setTrigger(trigger);
        run.setTriggerType(trigger.type().name());
        run.setChatId(trigger.chatId()); // GET /runs?chatId= lists an agent conversation's calls
        run.setUserId(caller.userId());
        run.setTraceId(traceId);
        run.setInputsJson(request.inputs().toString());
        run.setTimeoutMs(timeoutMs);
        run.setFollowUp(webhookUrl, chain, chainOn);
        run.setAsync(request.async());
        run.setStartedAt(now);
        run.setDeadline(now.plusMillis(timeoutMs));
        run.setLastProgressAt(now);
        String sealed = credentials.isEmpty() ? null : seal.seal(run.getRunId(), credentials, run.getDeadline());
        CompletableFuture<RunDocument> finished = request.async() ? null : waiters.register(run.getRunId());
        var event = new RunRequested(UUID.randomUUID(), now, traceId, run.getRunId(), toolId, run.getToolVersion(),
                request.inputs(), trigger, new RunOptions(timeoutMs, run.getWebhookUrl(), request.async(),
                        run.getChain(), run.getChainOn()), sealed);
        try {
            engine.startAccepted(run, event);
        } catch (RunExistsException taken) {
            throw taken;
        } catch (IllegalStateException notPublished) {
            // stored and begun, but its first calls or RunRequested may not be out: the sweeper re-requests
            LOG.warn("run {} is stored but could not be published now ({}); the sweeper will",
                    run.getRunId(), notPublished.toString());
        }
        if (finished == null) {
            return new Launched(run, false);
        }
        Duration wait = Duration.ofMillis(timeoutMs).plusSeconds(2);
        Optional<RunDocument> done = waiters.await(run.getRunId(), finished,
                wait.compareTo(syncWaitMax) < 0 ? wait : syncWaitMax);
        if (done.isPresent()) {
            // a run paused for approval is handed back too, as not finished
            return new Launched(done.get(), done.get().isFinal());
        }
        // still going: the run as it is now, which the engine may be changing in memory meanwhile
        return new Launched(store.find(run.getRunId()).orElseThrow(), false);
    }

    private static List<String> defaultChain(JsonNode chain) {
        if (!chain.isArray() || chain.isEmpty()) {
            return null;
        }
        List<String> hops = new ArrayList<>();
        chain.forEach(hop -> hops.add(hop.asString()));
        return hops;
    }

    /** Whether a step calls a connector with forward_token auth, which sends the caller's own JWT. */
    private boolean forwardsCallerToken(JsonNode tool) {
        for (JsonNode step : tool.path("steps")) {
            String[] ref = step.path("connector").asString("").split("/", 2);
            if (ref.length == 2 && registry.connector(ref[0], ref[1])
                    .map(c -> "forward_token".equals(c.path("auth").path("type").asString(null))).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    record Launched(RunDocument run, boolean finished) {
    }
}
