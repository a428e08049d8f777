package dev.switchboard.contracts.registry;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.kafka.InvalidEventException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * An in-memory view of every connector, tool and agent, built from the compacted
 * {@code switchboard.registry.changes} topic so no step pays a round trip to the registry. Each
 * instance reads the topic from the beginning (compaction keeps the last state of every key) and
 * then follows it, on one daemon thread, without a consumer group: every process needs all of
 * it. Bad records are logged by key and offset, never by value, and skipped.
 */
public final class RegistryView implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RegistryView.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final RegistryState state = new RegistryState();
    private final List<Consumer<RegistryChange>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;

    private RegistryView(String bootstrapServers, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "registry-view");
        props.putAll(overrides);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        thread = Thread.ofPlatform().daemon().name("registry-view").unstarted(this::run);
    }

    /** Starts a view; it fills in the background, see {@link #awaitCaughtUp}. */
    public static RegistryView start(String bootstrapServers) {
        return start(bootstrapServers, Map.of());
    }

    public static RegistryView start(String bootstrapServers, Map<String, Object> consumerOverrides) {
        RegistryView view = new RegistryView(bootstrapServers, consumerOverrides);
        view.thread.start();
        return view;
    }

    public Optional<JsonNode> connector(String namespace, String name) {
        return state.get("connector:" + namespace + "/" + name).map(RegistryEntry::snapshot);
    }

    public Optional<JsonNode> tool(String id) {
        return state.get("tool:" + id).map(RegistryEntry::snapshot);
    }

    public Optional<JsonNode> agent(String namespace, String name) {
        return state.get("agent:" + namespace + "/" + name).map(RegistryEntry::snapshot);
    }

    /** Connectors by {@code namespace/name}, sorted. */
    public Map<String, RegistryEntry> connectors() {
        return state.withPrefix("connector:");
    }

    public Map<String, RegistryEntry> tools() {
        return state.withPrefix("tool:");
    }

    public Map<String, RegistryEntry> agents() {
        return state.withPrefix("agent:");
    }

    public int size() {
        return state.size();
    }

    /** Called on the view's thread after each applied change; keep it quick. */
    public void addListener(Consumer<RegistryChange> listener) {
        listeners.add(listener);
    }

    /** True once everything published before the view started has been applied. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assign();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (!isCaughtUp() && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "registry view woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "registry view stopped: " + e, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void notifyListeners(RegistryChange change) {
        for (Consumer<RegistryChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a registry view listener failed on " + change.key(), e);
            }
        }
    }

    /** Waits for the topic to exist (the broker may still be starting), then takes all of it. */
    private List<TopicPartition> assign() {
        while (!closed) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(Topics.REGISTRY_CHANGES, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                continue;
            }
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                return partitions;
            }
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            state.apply(record.key(), record.value()).ifPresent(this::notifyListeners);
        } catch (InvalidEventException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping registry record key={0} partition={1} offset={2}: {3}",
                    record.key(), record.partition(), record.offset(), e.getMessage());
        }
    }
}
