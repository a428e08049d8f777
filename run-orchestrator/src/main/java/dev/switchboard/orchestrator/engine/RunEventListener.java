package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.RunContinued;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.registry.RegistryView;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * The partition owner's handlers: all events of a run share its key, so one consumer thread of
 * one instance sees them in order. Records come a poll at a time and are handled one by one, in
 * order, each as it would be alone; only the wait for the broker to acknowledge what they sent is
 * shared, once per poll, before the offsets are committed (ADR 025). A record that fails is
 * retried and then dead-lettered on its own (see EngineConfig).
 */
@Component
class RunEventListener {

    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(30);
    private static final LogAccessor LOG = new LogAccessor(RunEventListener.class);

    private final RunEngine engine;
    private final RegistryView registry;
    private final EventPublisher publisher;

    RunEventListener(RunEngine engine, RegistryView registry, EventPublisher publisher) {
        this.engine = engine;
        this.registry = registry;
        this.publisher = publisher;
    }

    @KafkaListener(topics = {Topics.RUNS_REQUESTED, Topics.STEPS_COMPLETED, Topics.RUNS_CONTROL},
            groupId = "run-orchestrator", concurrency = "${switchboard.orchestrator.consumers:3}", batch = "true")
    void onEvents(List<ConsumerRecord<String, SwitchboardEvent>> records) throws InterruptedException {
        // steps name connectors; planning them against a registry view still filling would fail them wrongly
        if (!registry.isCaughtUp()) {
            registry.awaitCaughtUp(REGISTRY_WAIT);
        }
        try (BatchAcknowledgements acknowledgements = publisher.acknowledgedPerBatch()) {
            for (int index = 0; index < records.size(); index++) {
                acknowledgements.handling(index);
                ConsumerRecord<String, SwitchboardEvent> record = records.get(index);
                try {
                    handle(record);
                } catch (RuntimeException failed) {
                    // what the records before it caused must be durable before their offsets are committed
                    acknowledgements.awaitAll();
                    throw new BatchListenerFailedException(String.valueOf(failed.getMessage()), failed, index);
                }
            }
            acknowledgements.awaitAll();
        }
    }

    private void handle(ConsumerRecord<String, SwitchboardEvent> record) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable != null) {
            // not retryable: the error handler parks it on the DLT at once, as the bytes it came as
            throw unreadable;
        }
        SwitchboardEvent event = record.value();
        if (event.traceId() != null) {
            MDC.put("traceId", event.traceId());
        }
        try {
            switch (event) {
                case RunRequested requested -> engine.onRunRequested(requested);
                case StepCompleted completed -> engine.onStepCompleted(completed);
                case RunAbortRequested abort -> engine.onAbort(abort);
                case RunContinued continued -> engine.onContinued(continued);
                default -> {
                    // registry and secrets events do not reach this listener's topics
                }
            }
        } finally {
            MDC.remove("traceId");
        }
    }
}
