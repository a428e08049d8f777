package dev.switchboard.executor.step;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes StepRequested off Kafka without ever waiting for a call (ARCHITECTURE §3): each step runs
 * on a virtual thread of its own while the consumer goes on polling, so a slow API holds nothing
 * but its own steps. Offsets are committed only up to the first step of the partition still in
 * flight ({@link PartitionProgress}); a partition with {@code max-in-flight-per-partition} steps
 * open is paused until half of them have ended, so memory stays bounded under any backlog.
 */
@Component
class StepIntake implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StepIntake.class);
    static final String GROUP = "step-executor";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Within Kafka's rebalance timeout (max.poll.interval.ms, 5 min), short enough not to stall the group. */
    private static final Duration REVOKE_GRACE = Duration.ofSeconds(5);

    private final ConsumerFactory<String, SwitchboardEvent> consumers;
    private final StepCallHandler handler;
    private final int consumerCount;
    private final int maxInFlightPerPartition;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Thread> pollers = new ArrayList<>();
    private final List<Consumer<String, SwitchboardEvent>> open = new ArrayList<>();
    private volatile boolean running;
    private final Object retryPause = new Object();

    @SuppressWarnings("unchecked")
    StepIntake(ConsumerFactory<?, ?> consumers, StepCallHandler handler,
            @Value("${switchboard.executor.consumers:2}") int consumerCount,
            @Value("${switchboard.executor.max-in-flight-per-partition:512}") int maxInFlightPerPartition) {
        this.consumers = (ConsumerFactory<String, SwitchboardEvent>) consumers;
        this.handler = handler;
        this.consumerCount = consumerCount;
        this.maxInFlightPerPartition = maxInFlightPerPartition;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < consumerCount; i++) {
            Properties overrides = new Properties();
            // commits are ours, and only of finished work
            overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            Consumer<String, SwitchboardEvent> consumer = consumers.createConsumer(GROUP, null, "-steps-" + i,
                    overrides);
            open.add(consumer);
            pollers.add(Thread.ofPlatform().name("step-intake-" + i).start(() -> poll(consumer)));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        synchronized (retryPause) {
            retryPause.notifyAll();
        }
        open.forEach(Consumer::wakeup);
        for (Thread poller : pollers) {
            try {
                poller.join(STOP_GRACE.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pollers.clear();
        open.clear();
        // not interrupted: an interrupted call would be reported as aborted
        calls.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll(Consumer<String, SwitchboardEvent> consumer) {
        Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
        try (consumer) {
            consumer.subscribe(List.of(Topics.STEPS_REQUESTED), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // the calls under way get a few seconds to end, so the next owner does not make
                    // them again; what is still going then finishes and publishes anyway, and the
                    // new owner may repeat it (same Idempotency-Key)
                    awaitCalls(progress, partitions, REVOKE_GRACE);
                    commit(consumer, progress, partitions, true);
                    partitions.forEach(progress::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> progress.put(p, new PartitionProgress()));
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(progress::remove);
                }
            });
            while (running) {
                try {
                    for (ConsumerRecord<String, SwitchboardEvent> record : consumer.poll(Duration.ofMillis(100))) {
                        take(record, progress.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                                p -> new PartitionProgress()));
                    }
                    pauseOrResume(consumer, progress);
                    commit(consumer, progress, progress.keySet(), false);
                } catch (WakeupException stopping) {
                    break;
                } catch (KafkaException e) {
                    // a broker gone for a while, a fenced member: this consumer must go on, not die
                    LOG.warn("step consumer: {}; polling again in a second", e.toString());
                    pauseBeforeRetry();
                }
            }
            // stopping: the calls under way may end and be committed, for a while; then they are
            // left to be delivered again
            awaitCalls(progress, progress.keySet(), STOP_GRACE);
            commit(consumer, progress, progress.keySet(), true);
        } catch (RuntimeException e) {
            LOG.error("the step consumer stopped: {}", e.toString(), e);
        }
    }

    private static void awaitCalls(Map<TopicPartition, PartitionProgress> progress,
            Collection<TopicPartition> partitions, Duration grace) {
        long giveUp = System.nanoTime() + grace.toNanos();
        try {
            for (TopicPartition partition : partitions) {
                PartitionProgress state = progress.get(partition);
                if (state != null) {
                    state.awaitIdle(giveUp);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pauseBeforeRetry() {
        synchronized (retryPause) {
            try {
                // woken early by stop()
                if (running) {
                    retryPause.wait(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void take(ConsumerRecord<String, SwitchboardEvent> record, PartitionProgress partition) {
        partition.started(record.offset());
        if (!(record.value() instanceof StepRequested step)) {
            // not an event (the deserializer let it through as null) or not ours: nothing to call
            LOG.warn("skipping record {} of {}-{}: not a StepRequested", record.offset(), record.topic(),
                    record.partition());
            partition.done(record.offset());
            return;
        }
        calls.submit(() -> {
            try {
                handler.handle(step);
                partition.done(record.offset());
            } catch (RuntimeException e) {
                // left in flight: the partition's offset stays here, so the step is delivered again
                // after a restart or rebalance, rather than lost
                LOG.error("step {}/{}/{} could not be completed: {}", step.runId(), step.stepId(), step.itemIndex(),
                        e.toString());
            }
        });
    }

    private void pauseOrResume(Consumer<String, SwitchboardEvent> consumer,
            Map<TopicPartition, PartitionProgress> progress) {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        progress.forEach((partition, state) -> {
            if (!state.paused() && state.inFlight() >= maxInFlightPerPartition) {
                state.paused(true);
                pause.add(partition);
            } else if (state.paused() && state.inFlight() <= maxInFlightPerPartition / 2) {
                state.paused(false);
                resume.add(partition);
            }
        });
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private static void commit(Consumer<String, SwitchboardEvent> consumer,
            Map<TopicPartition, PartitionProgress> progress, Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress state = progress.get(partition);
            long offset = state == null ? -1 : state.toCommit();
            if (offset >= 0) {
                offsets.put(partition, new OffsetAndMetadata(offset));
                state.committed(offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("could not commit step offsets {}: {}", offsets, e.toString());
            }
        } else {
            // a lost commit is only a redelivery, which the orchestrator recognises
            consumer.commitAsync(offsets, (done, e) -> {
                if (e != null) {
                    LOG.debug("step offset commit failed, the next one covers it: {}", e.toString());
                }
            });
        }
    }
}
