package dev.switchboard.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.registry.RegistryView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.SendResult;

/**
 * The engine listener waits for the broker once per poll (ADR 025); these pin down that every
 * failure still lands on the record that caused it, so the error handler commits only what is
 * durable and retries or dead-letters that record alone.
 */
class RunEventListenerTest {

    private final List<CompletableFuture<SendResult<String, SwitchboardEvent>>> sends = new CopyOnWriteArrayList<>();
    private final List<String> handled = new ArrayList<>();
    private RunEngine engine;
    private EventPublisher publisher;
    private RunEventListener listener;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void wire() {
        KafkaTemplate<String, SwitchboardEvent> kafka = mock(KafkaTemplate.class);
        when(kafka.send(anyString(), any(), any())).thenAnswer(call -> {
            CompletableFuture<SendResult<String, SwitchboardEvent>> send = new CompletableFuture<>();
            sends.add(send);
            return send;
        });
        RegistryView registry = mock(RegistryView.class);
        when(registry.isCaughtUp()).thenReturn(true);
        engine = mock(RunEngine.class);
        publisher = new EventPublisher(kafka);
        listener = new RunEventListener(engine, registry, publisher);
        // each record's handling sends one event, as a completion sends the next step request
        doAnswer(call -> {
            RunAbortRequested event = call.getArgument(0);
            handled.add(event.runId());
            if (event.runId().startsWith("broken")) {
                throw new IllegalStateException("store down");
            }
            publisher.publish(Topics.RUNS_CONTROL, List.of(event));
            return null;
        }).when(engine).onAbort(any());
    }

    @Test
    void aRecordIsHandledWithoutWaitingForTheAcknowledgementOfTheOneBefore() throws Exception {
        Thread acknowledger = Thread.ofVirtual().start(() -> {
            // acknowledges only once both records have been handled: a wait per record would never get here
            await().until(() -> sends.size() >= 2);
            sends.forEach(send -> send.complete(null));
        });

        listener.onEvents(List.of(record(0, "r1"), record(1, "r2")));

        assertThat(handled).containsExactly("r1", "r2");
        assertThat(sends).allMatch(CompletableFuture::isDone);
        acknowledger.join();
    }

    @Test
    void aSendTheBrokerRefusedFailsTheBatchAtTheRecordThatSentIt() {
        Thread.ofVirtual().start(() -> {
            await().until(() -> sends.size() >= 3);
            sends.get(0).complete(null);
            sends.get(1).completeExceptionally(new IllegalStateException("not leader"));
            sends.get(2).complete(null);
        });

        assertThatThrownBy(() -> listener.onEvents(List.of(record(0, "r1"), record(1, "r2"), record(2, "r3"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(1));
    }

    @Test
    void aFailingRecordFailsTheBatchAtItselfOnceWhatTheRecordsBeforeItSentIsDurable() {
        Thread.ofVirtual().start(() -> {
            await().until(() -> !sends.isEmpty());
            sends.getFirst().complete(null);
        });

        assertThatThrownBy(() -> listener.onEvents(List.of(record(0, "r1"), record(1, "broken"), record(2, "r3"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed).hasRootCauseMessage("store down");
                });
        // the record after the failed one is left for the redelivery
        assertThat(handled).containsExactly("r1", "broken");
        assertThat(sends.getFirst()).isDone();
    }

    @Test
    void aFailingRecordAfterAnUnacknowledgedSendFailsTheBatchAtTheEarlierRecord() {
        Thread.ofVirtual().start(() -> {
            await().until(() -> !sends.isEmpty());
            sends.getFirst().completeExceptionally(new IllegalStateException("timed out"));
        });

        assertThatThrownBy(() -> listener.onEvents(List.of(record(0, "r1"), record(1, "broken"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isZero());
    }

    @Test
    void outsideABatchAPublishWaitsForItsAcknowledgement() throws Exception {
        listener.onEvents(List.of());
        CompletableFuture<Void> published = CompletableFuture.runAsync(() -> publisher.publish(Topics.RUNS_CONTROL,
                List.of(abort("api-thread"))));
        await().until(() -> !sends.isEmpty());
        assertThat(published).isNotDone();
        sends.getFirst().completeExceptionally(new IllegalStateException("broker gone"));

        assertThat(published).failsWithin(java.time.Duration.ofSeconds(10))
                .withThrowableThat().withMessageContaining("could not publish to " + Topics.RUNS_CONTROL);
        verify(engine, org.mockito.Mockito.never()).onAbort(any());
    }

    private static ConsumerRecord<String, SwitchboardEvent> record(long offset, String runId) {
        return new ConsumerRecord<>(Topics.RUNS_CONTROL, 0, offset, runId, abort(runId));
    }

    private static RunAbortRequested abort(String runId) {
        return new RunAbortRequested(UUID.randomUUID(), Instant.now(), null, runId, "alice", "test");
    }
}
