package dev.switchboard.gateway.console;

import dev.switchboard.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run and step events for open console pages, read straight off the run topics. Every gateway
 * instance reads every partition from the end with no consumer group (each must see all events
 * for its own pages, and nothing needs committing). The consumer runs only while some page
 * listens: with no console open the gateway reads nothing, so benchmarks and busy deployments pay
 * nothing for it.
 */
@Component
class RunEventFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunEventFeed.class);
    private static final List<String> TOPICS = List.of(Topics.RUNS_REQUESTED, Topics.STEPS_COMPLETED,
            Topics.RUNS_FINISHED);
    /** For step events of executors that did not name the requester: it, from the run's RunRequested. */
    private static final int REQUESTERS_KEPT = 20_000;

    private final String bootstrapServers;
    private final JsonMapper json;
    private final Flux<RunEvent> events;
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private volatile boolean running;

    RunEventFeed(@Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers, JsonMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.json = json;
        // one consumer shared by every listening page; it stops when the last one leaves
        this.events = Flux.<RunEvent>create(this::consume, FluxSink.OverflowStrategy.LATEST)
                .publish()
                .refCount(1);
    }

    Flux<RunEvent> events() {
        return events;
    }

    /**
     * Completes when the gateway shuts down. Open event streams end on it: otherwise graceful
     * shutdown would wait its full timeout for streams that never end by themselves.
     */
    Mono<Void> closing() {
        return closing.asMono();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        closing.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown, which waits for open requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void consume(FluxSink<RunEvent> sink) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "api-gateway-console-events",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        Thread poller = Thread.ofPlatform().daemon().name("console-run-events").unstarted(() -> poll(consumer, sink));
        sink.onDispose(consumer::wakeup);
        poller.start();
    }

    private void poll(KafkaConsumer<String, byte[]> consumer, FluxSink<RunEvent> sink) {
        Map<String, String> requesters = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REQUESTERS_KEPT;
            }
        };
        try (consumer) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (!sink.isCancelled()) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofSeconds(1));
                // topic by topic, requests first: a step's requester is known even when its run's
                // RunRequested arrived in the same batch
                for (String topic : TOPICS) {
                    for (ConsumerRecord<String, byte[]> record : batch.records(topic)) {
                        toEvent(topic, record.value(), requesters).ifPresent(sink::next);
                    }
                }
            }
        } catch (WakeupException stopped) {
            // the last page left
        } catch (RuntimeException e) {
            log.warn("console run events stopped: {}", e.toString());
            sink.error(e);
        }
    }

    Optional<RunEvent> toEvent(String topic, byte[] value, Map<String, String> requesters) {
        RunEventFields event = RunEventFields.read(json, value);
        if (event == null) {
            return Optional.empty(); // the orchestrator dead-letters these; pages need no nudge
        }
        String runId = event.runId();
        return switch (topic) {
            case Topics.RUNS_REQUESTED -> {
                if (event.userId() != null) {
                    requesters.put(runId, event.userId());
                }
                yield Optional.of(RunEvent.run(runId, event.toolId(), "running", event.userId()));
            }
            // executors name the requester on each step; one from before that did not, and then the
            // run's request, if this feed saw it, does
            case Topics.STEPS_COMPLETED -> Optional.of(RunEvent.step(runId, event.stepId(), event.itemIndex(),
                    event.success(), event.userId() != null ? event.userId() : requesters.get(runId)));
            case Topics.RUNS_FINISHED -> {
                requesters.remove(runId);
                String status = event.status() == null ? "" : event.status().toLowerCase(Locale.ROOT);
                yield Optional.of(RunEvent.run(runId, event.toolId(), status, event.userId()));
            }
            default -> Optional.empty();
        };
    }
}
