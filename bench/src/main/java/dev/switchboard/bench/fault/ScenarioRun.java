package dev.switchboard.bench.fault;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * One scenario: submits the runs (async, each with a webhook) while the fault strikes once a share
 * of them has finished, waits, within bounds, for every accepted run to reach a final state and for
 * its webhook, and tallies what came of it.
 */
final class ScenarioRun {

    static final String TOOL = "fault-three-steps";
    private static final Set<String> FINAL = Set.of("success", "failed", "aborted");
    private static final int SUBMITTERS = 16;
    private static final int POLLERS = 16;
    private static final Duration SUBMIT_WITHIN = Duration.ofMinutes(4);
    private static final Duration TRIGGER_WITHIN = Duration.ofMinutes(4);
    /**
     * A run is lost when no final state is seen while the others have stopped ending for this long
     * (on 2 busy cores the platform may finish only a run or two a second), or after {@link #FINAL_AT_MOST}.
     */
    private static final Duration STALLED_AFTER = Duration.ofSeconds(90);
    private static final Duration FINAL_AT_MOST = Duration.ofMinutes(15);
    private static final Duration SERVING_WITHIN = Duration.ofMinutes(5);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private static final Duration WEBHOOKS_WITHIN = Duration.ofMinutes(2);

    private final Fault fault;
    private final int runs;
    private final SeparateLauncher platform;
    private final Gateway gateway;
    private final TargetApi target;
    private final WebhookReceiver hooks;
    private final String prefix;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, String> finalStatus = new ConcurrentHashMap<>();
    private final Map<String, String> errorCodes = new ConcurrentHashMap<>();
    private long lastReported = System.nanoTime();

    ScenarioRun(Fault fault, int runs, SeparateLauncher platform, Gateway gateway, TargetApi target,
            WebhookReceiver hooks) {
        this.fault = fault;
        this.runs = runs;
        this.platform = platform;
        this.gateway = gateway;
        this.target = target;
        this.hooks = hooks;
        this.prefix = "fault-" + fault.name().toLowerCase().replace('_', '-') + "-";
    }

    ScenarioReport run() {
        long startedAt = System.nanoTime();
        progress("submitting %d runs", runs);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore submitting = new Semaphore(SUBMITTERS);
            CompletableFuture<?>[] submissions = IntStream.range(0, runs).mapToObj(i -> CompletableFuture.runAsync(
                    () -> submit(prefix + i, submitting), threads)).toArray(CompletableFuture[]::new);
            int triggerAfter = Math.max(1, runs * 3 / 10);
            Deadline.await(triggerAfter + " runs finished", TRIGGER_WITHIN,
                    () -> hooks.runsDelivered(prefix) >= triggerAfter);
            long faultAt = System.nanoTime();
            progress("%s after %d runs finished (%d accepted so far)", fault.label(), hooks.runsDelivered(prefix),
                    accepted.size());
            long recoveredAt = fault.inject(platform, target, this::awaitServing);
            double recoverySeconds = (recoveredAt - faultAt) / 1e9;
            progress("recovered after %.1f s", recoverySeconds);
            CompletableFuture.allOf(submissions).join();
            progress("%d runs accepted, %d refused; waiting for every accepted run to end", accepted.size(),
                    refused.get());
            boolean allFinal = awaitAllFinal(threads);
            long endedAt = System.nanoTime();
            if (allFinal) {
                Deadline.holdsWithin(WEBHOOKS_WITHIN, () -> hooks.runsDelivered(prefix) >= accepted.size());
            }
            List<TargetCall> calls = target.calls().stream().filter(call -> call.idempotencyKey() == null
                    ? call.startedAtNanos() - startedAt >= 0 && call.startedAtNanos() - endedAt <= 0
                    : call.runId() != null && call.runId().startsWith(prefix)).toList();
            List<WebhookDelivery> deliveries = ScenarioTally.ofRuns(hooks.deliveries(), WebhookDelivery::runId, prefix);
            ScenarioReport report = ScenarioTally.tally(fault.label(), Set.copyOf(accepted), refused.get(),
                    new HashMap<>(finalStatus), new HashMap<>(errorCodes), calls, deliveries, recoveredAt, recoverySeconds,
                    (endedAt - startedAt) / 1e9);
            progress("%s: %d lost, %d duplicate calls (%d unexplained), %d/%d webhooks", fault.label(),
                    report.runsLost(), report.duplicateCalls(), report.unexplainedDuplicates(),
                    report.webhooksDelivered(), report.webhooksExpected());
            return report;
        }
    }

    /**
     * Submits one run, again with the same runId while the platform does not answer or answers 5xx
     * (what a client does during an outage); a 409 means an earlier attempt was taken after all.
     */
    private void submit(String runId, Semaphore submitting) {
        String body = """
                {"runId": "%s", "options": {"async": true, "webhookUrl": "%s"}}""".formatted(runId, hooks.url());
        submitting.acquireUninterruptibly();
        try {
            int[] status = {-1};
            Deadline.holdsWithin(SUBMIT_WITHIN, () -> {
                status[0] = gateway.post("/api/v1/tools/" + TOOL + "/run", body);
                return status[0] != -1 && status[0] < 500;
            });
            if (status[0] == 202 || status[0] == 409 || gateway.runExists(runId)) {
                accepted.add(runId);
            } else {
                refused.incrementAndGet();
                progress("run %s refused: HTTP %d", runId, status[0]);
            }
        } finally {
            submitting.release();
        }
    }

    /** Sends sync probe runs (ids outside this scenario's) until one succeeds. */
    private void awaitServing() {
        AtomicInteger attempt = new AtomicInteger();
        Deadline.await("a probe run to succeed", SERVING_WITHIN, () -> {
            String probe = "probe-" + prefix + attempt.incrementAndGet();
            return gateway.post("/api/v1/tools/" + TOOL + "/run", "{\"runId\": \"" + probe + "\"}") == 200
                    && gateway.runOutcome(probe).filter(outcome -> outcome.status().equals("success")).isPresent();
        });
        progress("a probe run went through after %d attempt(s)", attempt.get());
    }

    /** Polls until every accepted run is final, or until runs stop ending ({@link #STALLED_AFTER}). */
    private boolean awaitAllFinal(ExecutorService threads) {
        long capAt = System.nanoTime() + FINAL_AT_MOST.toNanos();
        while (System.nanoTime() - capAt < 0) {
            int before = finalStatus.size();
            if (Deadline.holdsWithin(STALLED_AFTER, () -> pollRemaining(threads) || finalStatus.size() > before)) {
                if (accepted.stream().allMatch(finalStatus::containsKey)) {
                    return true;
                }
            } else {
                progress("no run ended for %d s: the rest count as lost", STALLED_AFTER.toSeconds());
                return false;
            }
        }
        progress("not all runs ended within %d min (%d of %d did)", FINAL_AT_MOST.toMinutes(),
                finalStatus.size(), accepted.size());
        return false;
    }

    /** One round over the accepted runs not yet seen final; true once none is left. */
    private boolean pollRemaining(ExecutorService threads) {
        Semaphore polling = new Semaphore(POLLERS);
        List<String> remaining = accepted.stream().filter(id -> !finalStatus.containsKey(id)).toList();
        CompletableFuture.allOf(remaining.stream().map(id -> CompletableFuture.runAsync(() -> {
            polling.acquireUninterruptibly();
            try {
                gateway.runOutcome(id).filter(outcome -> FINAL.contains(outcome.status())).ifPresent(outcome -> {
                    if (outcome.errorCode() != null) {
                        errorCodes.put(id, outcome.errorCode());
                    }
                    finalStatus.put(id, outcome.status());
                });
            } finally {
                polling.release();
            }
        }, threads)).toArray(CompletableFuture[]::new)).join();
        long left = accepted.stream().filter(id -> !finalStatus.containsKey(id)).count();
        long now = System.nanoTime();
        if (left > 0 && now - lastReported > REPORT_EVERY.toNanos()) {
            lastReported = now;
            progress("%d runs not ended yet", left);
        }
        return left == 0;
    }

    static void progress(String format, Object... args) {
        System.err.printf("[faults %tT] %s%n", System.currentTimeMillis(), format.formatted(args));
    }
}
