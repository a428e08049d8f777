package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.event.SwitchboardEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends events and makes sure the broker acknowledges all of them before what caused them counts
 * as handled: a handler on an API or sweeper thread waits in {@link #publish}; a consumer thread
 * handling a batch of records waits once, for the whole batch, before its offsets are committed
 * (see {@link #acknowledgedPerBatch}).
 */
@Component
class EventPublisher {

    private final KafkaTemplate<String, SwitchboardEvent> kafka;
    /** The batch this thread is handling, if it is a consumer thread inside one. */
    private final ThreadLocal<BatchAcknowledgements> batch = new ThreadLocal<>();

    EventPublisher(KafkaTemplate<String, SwitchboardEvent> kafka) {
        this.kafka = kafka;
    }

    /**
     * Sends and waits for the acknowledgements, or, inside a batch, leaves them to the batch's
     * wait: a run's next completion is then applied while the sends of the last one are in flight.
     */
    void publish(String topic, List<? extends SwitchboardEvent> events) {
        Sent sent = send(topic, events);
        BatchAcknowledgements current = batch.get();
        if (current == null) {
            sent.await();
        } else {
            current.add(sent);
        }
    }

    /** Sends without waiting, so that two topics' sends share one trip to the broker; then {@link Sent#await}. */
    Sent send(String topic, List<? extends SwitchboardEvent> events) {
        List<CompletableFuture<SendResult<String, SwitchboardEvent>>> sent = new ArrayList<>();
        for (SwitchboardEvent event : events) {
            sent.add(kafka.send(topic, event.key(), event));
        }
        return new Sent(topic, sent);
    }

    /**
     * Until the returned batch is closed, this thread's {@link #publish} calls do not wait; the
     * caller waits for them all with {@link BatchAcknowledgements#awaitAll}.
     */
    BatchAcknowledgements acknowledgedPerBatch() {
        BatchAcknowledgements acknowledgements = new BatchAcknowledgements(() -> batch.remove());
        batch.set(acknowledgements);
        return acknowledgements;
    }

    record Sent(String topic, List<CompletableFuture<SendResult<String, SwitchboardEvent>>> sends) {

        /** Returns once the broker has acknowledged every event. */
        void await() {
            for (CompletableFuture<SendResult<String, SwitchboardEvent>> send : sends) {
                try {
                    send.get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing to " + topic, e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("could not publish to " + topic, e);
                }
            }
        }
    }
}
