package dev.switchboard.orchestrator.webhook;

import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.orchestrator.run.FinishedRunHandoff;
import dev.switchboard.orchestrator.run.RunDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The latency path of a webhook (ADR 015): the instance that finished a run stores its delivery
 * and begins the first attempt at once, instead of waiting for the webhook consumer to read the
 * RunFinished back and look the run's chain up. The consumer stays the durable path: its offset is
 * committed only once every handoff of its batch has stored its delivery ({@link #awaitStored}),
 * and it stores those that were not handed off or whose handoff failed, so a crash at any point
 * still leaves the RunFinished to be (re)delivered. A handoff is registered before the event is
 * published, so this instance's consumer can never see the event without seeing the handoff.
 */
final class LocalHandoff implements FinishedRunHandoff, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHandoff.class);
    /** Beyond this many handoffs storing at once the consumer takes the rest, as before. */
    private static final int MAX_STORING = 256;

    private final DeliveryPlanner planner;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;
    private final Semaphore storing = new Semaphore(MAX_STORING);
    /** Handoffs whose delivery is being stored, by run id: true once stored. Removed when done. */
    private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-handoff-", 0).factory());

    LocalHandoff(DeliveryPlanner planner, WebhookDispatcher dispatcher, Clock clock) {
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void finished(RunFinished event, RunDocument run) {
        if (event.webhookUrl() == null || !storing.tryAcquire()) {
            return;
        }
        List<String> chain = run.getChain() == null ? null : List.copyOf(run.getChain());
        String chainOn = run.getChainOn();
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        inFlight.put(event.runId(), stored);
        try {
            threads.execute(() -> {
                try {
                    dispatcher.acceptAndBegin(planner.plan(event, chain, chainOn, clock.instant()));
                    stored.complete(true);
                } catch (RuntimeException e) {
                    LOG.debug("webhook of run {}: handoff failed, its consumer stores it", event.runId(), e);
                    stored.complete(false);
                } finally {
                    inFlight.remove(event.runId(), stored);
                    storing.release();
                }
            });
        } catch (RejectedExecutionException closing) {
            inFlight.remove(event.runId(), stored);
            storing.release();
        }
    }

    /**
     * Whether this instance's handoff of the run stored its delivery, waiting up to {@code patience}
     * for one under way; false when there was none (the consumer then checks the store).
     */
    boolean awaitStored(String runId, Duration patience) {
        CompletableFuture<Boolean> stored = inFlight.get(runId);
        if (stored == null) {
            return false;
        }
        try {
            return stored.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
