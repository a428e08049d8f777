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
 * Sends events and waits for the broker to acknowledge all of them, so a handler returns (and its
 * offset is committed) only once what it caused is durable.
 */
@Component
class EventPublisher {

    private final KafkaTemplate<String, SwitchboardEvent> kafka;

    EventPublisher(KafkaTemplate<String, SwitchboardEvent> kafka) {
        this.kafka = kafka;
    }

    void publish(String topic, List<? extends SwitchboardEvent> events) {
        send(topic, events).await();
    }

    /** Sends without waiting, so that two topics' sends share one trip to the broker; then {@link Sent#await}. */
    Sent send(String topic, List<? extends SwitchboardEvent> events) {
        List<CompletableFuture<SendResult<String, SwitchboardEvent>>> sent = new ArrayList<>();
        for (SwitchboardEvent event : events) {
            sent.add(kafka.send(topic, event.key(), event));
        }
        return new Sent(topic, sent);
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
