package dev.switchboard.orchestrator.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Runs delivery attempts on virtual threads, at most {@code maxInFlight} at once in this instance.
 * A new delivery is stored already leased to this instance and attempted at once (the latency
 * path: no poll in between); without a free slot it is stored unleased for the poller. Each
 * outcome is written conditionally: an instance whose lease was taken over records nothing.
 */
final class WebhookDispatcher implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int POLL_BATCH = 500;
    /** For deliveries already stored when their attempt begins. */
    private static final CompletableFuture<Boolean> STORED = CompletableFuture.completedFuture(true);

    private final String instanceId = UUID.randomUUID().toString();
    private final DeliveryStore store;
    private final WebhookSender sender;
    private final ChainHops chainHops;
    private final WebhookMetrics metrics;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Semaphore slots;
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-", 0).factory());
    private volatile boolean closing;

    WebhookDispatcher(DeliveryStore store, WebhookSender sender, ChainHops chainHops, WebhookMetrics metrics,
            WebhookProperties properties, Clock clock) {
        this.store = store;
        this.sender = sender;
        this.chainHops = chainHops;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.maxInFlight());
    }

    /**
     * Stores runs' new deliveries (none for a run that has one: a redelivered RunFinished) and
     * starts those it has a slot for; the rest are stored unleased, for the poller.
     */
    void acceptAll(List<WebhookDelivery> deliveries) {
        List<WebhookDelivery> leased = new ArrayList<>();
        Instant until = clock.instant().plus(properties.lease());
        for (WebhookDelivery delivery : deliveries) {
            if (WebhookDelivery.PENDING.equals(delivery.getStatus()) && !closing && slots.tryAcquire()) {
                delivery.lease(instanceId, until);
                leased.add(delivery);
            }
        }
        List<WebhookDelivery> stored;
        if (store.insertAll(deliveries)) {
            stored = deliveries;
        } else {
            // some run has its delivery already: one by one, so only those are left out
            stored = deliveries.stream().filter(this::storedNowOrByUs).toList();
        }
        for (WebhookDelivery delivery : deliveries) {
            boolean isLeased = leased.contains(delivery);
            if (!stored.contains(delivery)) {
                if (isLeased) {
                    slots.release();
                }
            } else if (isLeased) {
                submit(delivery, STORED);
            } else if (!WebhookDelivery.PENDING.equals(delivery.getStatus())) {
                metrics.outcome(delivery, delivery.getStatus());
            }
        }
    }

    /**
     * The handoff's path: one delivery whose first attempt begins while the delivery is being
     * stored. The POST needs the delivery's URL and body, not the document; only its outcome needs
     * the document, so the outcome is recorded once the insert has landed, and not at all if another
     * instance had stored the run's delivery first (its attempts count; ours was a repeat with the
     * same Idempotency-Key, as at-least-once allows).
     */
    void acceptAndBegin(WebhookDelivery delivery) {
        if (!WebhookDelivery.PENDING.equals(delivery.getStatus()) || closing || !slots.tryAcquire()) {
            acceptAll(List.of(delivery));
            return;
        }
        delivery.lease(instanceId, clock.instant().plus(properties.lease()));
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        submit(delivery, stored);
        try {
            stored.complete(store.insert(delivery));
        } catch (RuntimeException e) {
            stored.complete(false);
            throw e;
        }
    }

    /**
     * Stores {@code delivery} alone; true also when the batch insert that failed had stored this very
     * one before it stopped at another (then it is the stored document, leased by this instance).
     */
    private boolean storedNowOrByUs(WebhookDelivery delivery) {
        if (store.insert(delivery)) {
            return true;
        }
        return store.find(delivery.getRunId()).map(found -> {
            boolean ours = instanceId.equals(found.getLeaseOwner())
                    && java.util.Objects.equals(found.getLeaseUntil(), delivery.getLeaseUntil())
                    || !WebhookDelivery.PENDING.equals(delivery.getStatus())
                    && java.util.Objects.equals(found.getCreatedAt(), delivery.getCreatedAt());
            if (ours) {
                delivery.setRev(found.getRev());
            }
            return ours;
        }).orElse(false);
    }

    /**
     * Takes over pending deliveries that are due and that nobody holds: retries whose wait is
     * over, deliveries stored without a slot, and those whose holder died mid-attempt.
     *
     * @return how many it took
     */
    int takeOverDue() {
        Instant now = clock.instant();
        int taken = 0;
        for (WebhookDelivery delivery : store.pending(POLL_BATCH)) {
            if (closing || !delivery.isDue(now)) {
                continue;
            }
            if (!slots.tryAcquire()) {
                break;
            }
            delivery.lease(instanceId, now.plus(properties.lease()));
            try {
                store.save(delivery);
            } catch (OptimisticLockingFailureException another) {
                slots.release();
                continue;
            }
            submit(delivery, STORED);
            taken++;
        }
        return taken;
    }

    /** @param stored completes with whether the delivery is stored, so its outcome may be recorded */
    private void submit(WebhookDelivery delivery, CompletableFuture<Boolean> stored) {
        try {
            attempts.execute(() -> {
                try {
                    attempt(delivery, stored);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException closed) {
            // shutting down: the lease runs out and an instance tries it then
            slots.release();
        }
    }

    private void attempt(WebhookDelivery delivery, CompletableFuture<Boolean> stored) {
        if (delivery.getTraceId() != null) {
            MDC.put("traceId", delivery.getTraceId());
        }
        try {
            int number = delivery.getAttempts().size() + 1;
            Instant at = clock.instant();
            AttemptResult result;
            try {
                result = delivery.isChainHop() ? chainHops.attempt(delivery)
                        : sender.post(delivery.getUrl(), delivery.getRunId(), delivery.getBody(), number);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("webhook of run {}: attempt {} failed unexpectedly", delivery.getRunId(), number, e);
                result = AttemptResult.retry(null, Duration.between(at, clock.instant()).toMillis(),
                        "could not be attempted: " + e.getClass().getSimpleName(), null);
            }
            if (closing) {
                // cut short by the shutdown, not by the receiver: leave it to whoever takes the lease over
                return;
            }
            if (!isStored(stored)) {
                return;
            }
            record(delivery, number, at, result);
        } finally {
            MDC.remove("traceId");
        }
    }

    private void record(WebhookDelivery delivery, int number, Instant at, AttemptResult result) {
        Instant now = clock.instant();
        delivery.getAttempts().add(new WebhookDelivery.Attempt(at, result.httpStatus(), result.durationMs(),
                result.error()));
        delivery.lease(null, null);
        String outcome;
        switch (result.outcome()) {
            case DELIVERED -> {
                finish(delivery, WebhookDelivery.DELIVERED, null);
                outcome = "delivered";
            }
            case REFUSED -> {
                finish(delivery, WebhookDelivery.REFUSED, result.error());
                outcome = "refused";
            }
            case FAILED -> {
                finish(delivery, WebhookDelivery.FAILED, result.error());
                outcome = "failed";
            }
            default -> {
                if (number >= properties.maxAttempts()) {
                    finish(delivery, WebhookDelivery.FAILED, number + " attempts failed; the last: " + result.error());
                    outcome = "failed";
                } else {
                    delivery.setNextAttemptAt(now.plus(delay(number, result.retryAfter())));
                    outcome = "retry";
                }
            }
        }
        try {
            store.save(delivery);
        } catch (OptimisticLockingFailureException takenOver) {
            // our lease ran out mid-attempt and another instance holds it now: its record counts
            LOG.warn("webhook of run {}: attempt {} ended after another instance took the delivery over",
                    delivery.getRunId(), number);
            return;
        }
        if (result.outcome() == AttemptResult.Outcome.DELIVERED) {
            metrics.delivered(delivery, now);
        } else {
            metrics.outcome(delivery, outcome);
        }
        if (!"delivered".equals(outcome) && !"retry".equals(outcome)) {
            LOG.info("webhook of run {} to {}: {} ({})", delivery.getRunId(), target(delivery), outcome,
                    delivery.getReason());
        }
    }

    /** Waits for the insert begun beside the attempt; an insert still hanging after the lease is left to the poller. */
    private boolean isStored(CompletableFuture<Boolean> stored) {
        try {
            return stored.get(properties.lease().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Exponential from {@code backoff}; a receiver's Retry-After, up to {@code maxRetryAfter}, if longer. */
    Duration delay(int attemptsMade, Duration retryAfter) {
        Duration backoff = properties.backoff().multipliedBy(1L << Math.min(attemptsMade - 1, 20));
        if (retryAfter == null) {
            return backoff;
        }
        Duration asked = retryAfter.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter() : retryAfter;
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    private static void finish(WebhookDelivery delivery, String status, String reason) {
        delivery.setStatus(status);
        delivery.setReason(reason);
        delivery.setNextAttemptAt(null);
        delivery.setBody(null);
    }

    /** The host only: a webhook URL's path and query may carry a token. */
    private static String target(WebhookDelivery delivery) {
        if (delivery.getUrl().startsWith("tool:")) {
            return delivery.getUrl();
        }
        try {
            return java.net.URI.create(delivery.getUrl()).getHost();
        } catch (IllegalArgumentException e) {
            return "an invalid URL";
        }
    }

    @Override
    public void destroy() {
        closing = true;
        attempts.shutdownNow();
    }
}
