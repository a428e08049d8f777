package dev.switchboard.executor.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.ConnectorChanged;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.kafka.EventSerde;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** StepRequested in, a real HTTP call out, StepCompleted back — over a real broker. */
@SpringBootTest
class StepFlowIT {

    // sun.net.httpserver.maxIdleConnections is raised for the whole IT run in the pom: the JDK's
    // server would close finished connections beyond 200 idle ones while a thousand are answered

    private static final TestKafka KAFKA = new TestKafka();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final HttpServer SERVER = start();
    /** Another API (its own host and port, so its own connections) for the step that must go through. */
    private static final HttpServer OTHER_API = start();
    private static final Map<String, StepCompleted> COMPLETED = new ConcurrentHashMap<>();
    private static final AtomicInteger HELD = new AtomicInteger();
    private static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);
    private static final int SLOW_CALLS = 1000;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        // the test servers are on loopback, which deployments refuse (ADR 010)
        registry.add("switchboard.egress.allow-private", () -> "true");
        // room beside the thousand held calls for a repeat after a rebalance: this test is about the
        // intake not waiting for calls, not about the bulkhead
        registry.add("switchboard.executor.resilience.bulkhead.max-concurrent", () -> "2000");
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(TestTokens.randomKey()));
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        SERVER.stop(0);
        OTHER_API.stop(0);
    }

    @Autowired
    RegistryView registry;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aStepRequestedBecomesACallAndAStepCompleted() {
        publish(Topics.REGISTRY_CHANGES, new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "crm", 1,
                false, json.readTree("{\"namespace\": \"acme\", \"name\": \"crm\", \"type\": \"http\", \"baseUrl\":"
                        + " \"http://127.0.0.1:" + SERVER.getAddress().getPort() + "\"}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.connector("acme", "crm").isPresent());
        int before = CALLS.get();

        publish(Topics.STEPS_REQUESTED, step("run-ok", "acme/crm", Instant.now().plusSeconds(60)));
        publish(Topics.STEPS_REQUESTED, step("run-late", "acme/crm", Instant.now().minusSeconds(1)));
        publish(Topics.STEPS_REQUESTED, step("run-ghost", "acme/ghost", Instant.now().plusSeconds(60)));

        List<String> runs = List.of("run-ok", "run-late", "run-ghost");
        try (var consumer = completions()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    StepCompleted completed = (StepCompleted) new EventSerde().deserializer()
                            .deserialize(r.topic(), r.value());
                    COMPLETED.put(completed.runId(), completed);
                });
                return COMPLETED.keySet().containsAll(runs);
            });
        }

        StepCompleted ok = COMPLETED.get("run-ok");
        assertThat(ok.success()).isTrue();
        assertThat(ok.data().get("id").asInt()).isEqualTo(7);
        assertThat(ok.stepId()).isEqualTo("details");
        assertThat(ok.itemIndex()).isEqualTo(2);
        assertThat(ok.calls().requests()).isEqualTo(1);
        // the requester travels on, so the console's live feed can tell whom to nudge
        assertThat(ok.userId()).isEqualTo("alice");
        assertThat(COMPLETED.get("run-ghost").userId()).isEqualTo("alice");
        assertThat(COMPLETED.get("run-late").error().code()).isEqualTo("TIMEOUT");
        assertThat(COMPLETED.get("run-ghost").error().code()).isEqualTo("CONNECTOR_NOT_FOUND");
        assertThat(CALLS.get() - before).isEqualTo(1);
    }

    /**
     * The executor holds a thousand calls to one slow API at once, and still takes and completes a
     * step of another API meanwhile: no thread per call, no poll loop waiting for calls.
     */
    @Test
    void aThousandSlowCallsAreInFlightAtOnceAndOtherStepsStillGoThrough() {
        String base = "http://127.0.0.1:" + SERVER.getAddress().getPort();
        publish(Topics.REGISTRY_CHANGES, new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "slow", 1,
                false, json.readTree("{\"namespace\": \"acme\", \"name\": \"slow\", \"type\": \"http\", \"baseUrl\":"
                        + " \"" + base + "\", \"timeoutMs\": 120000}")));
        publish(Topics.REGISTRY_CHANGES, new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "other",
                1, false, json.readTree("{\"namespace\": \"acme\", \"name\": \"other\", \"type\": \"http\","
                        + " \"baseUrl\": \"http://127.0.0.1:" + OTHER_API.getAddress().getPort() + "\"}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.connector("acme", "slow").isPresent()
                && registry.connector("acme", "other").isPresent());
        try (var consumer = completions()) {
            // a first step settles the consumer group, so the thousand are not handed over mid-way
            publish(Topics.STEPS_REQUESTED, step("run-probe", "acme/other", "/users/7", Instant.now().plusSeconds(60)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                drain(consumer);
                return COMPLETED.containsKey("run-probe");
            });
        }

        List<SwitchboardEvent> slow = new java.util.ArrayList<>();
        for (int i = 0; i < SLOW_CALLS; i++) {
            slow.add(step("held-" + i, "acme/slow", "/hold/" + i, Instant.now().plusSeconds(180)));
        }
        publishAll(Topics.STEPS_REQUESTED, slow);
        try (var consumer = completions()) {
            // a rebalance while they start may deliver a few twice (at least once, same key)
            await().atMost(Duration.ofSeconds(90)).until(() -> HELD.get() >= SLOW_CALLS);

            publish(Topics.STEPS_REQUESTED, step("run-fast", "acme/other", "/users/7", Instant.now().plusSeconds(60)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                drain(consumer);
                return COMPLETED.containsKey("run-fast");
            });
            assertThat(COMPLETED.get("run-fast").success()).isTrue();
            assertThat(COMPLETED.keySet()).noneMatch(run -> run.startsWith("held-"));

            RELEASE.countDown();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                drain(consumer);
                return COMPLETED.keySet().stream().filter(run -> run.startsWith("held-")).count() == SLOW_CALLS;
            });
        }
        assertThat(COMPLETED.values().stream().filter(c -> c.runId().startsWith("held-")))
                .allMatch(StepCompleted::success);
    }

    private static void drain(KafkaConsumer<String, byte[]> consumer) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
            StepCompleted completed = (StepCompleted) new EventSerde().deserializer().deserialize(r.topic(), r.value());
            COMPLETED.put(completed.runId(), completed);
        });
    }

    private static StepRequested step(String runId, String connector, Instant deadline) {
        return step(runId, connector, "/users/7", deadline);
    }

    private static StepRequested step(String runId, String connector, String path, Instant deadline) {
        StepRequest request = new StepRequest(StepKind.HTTP, connector, null, "GET", null, path, Map.of(),
                Map.of(), null, null, null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), "trace-" + runId, runId, "details", 2, 1,
                deadline, request, null, "alice");
    }

    private static void publishAll(String topic, List<SwitchboardEvent> events) {
        try (var producer = new KafkaProducer<String, SwitchboardEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(),
                new EventSerde().serializer())) {
            events.forEach(event -> producer.send(new ProducerRecord<>(topic, event.key(), event)));
        }
    }

    private static void publish(String topic, SwitchboardEvent event) {
        try (var producer = new KafkaProducer<String, SwitchboardEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(),
                new EventSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, event.key(), event));
        }
    }

    private static KafkaConsumer<String, byte[]> completions() {
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.STEPS_COMPLETED));
        return consumer;
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hold/", exchange -> {
                HELD.incrementAndGet();
                try {
                    RELEASE.await(120, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "{\"held\": true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/users/", exchange -> {
                CALLS.incrementAndGet();
                byte[] body = "{\"id\": 7}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
