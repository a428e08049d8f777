package dev.switchboard.orchestrator.webhook;

import static org.awaitility.Awaitility.await;

import org.awaitility.core.ConditionTimeoutException;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.kafka.EventSerde;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook latency figure of issue 8 (docs/benchmarks.md): async runs of a tool with no steps at
 * a fixed 50 runs/s, each with a webhookUrl to a local receiver, for 60 s after 20 s of warm-up.
 * Latency is from the RunFinished's occurredAt (read by a consumer of the topic) to the receiver
 * having the POST. The store is mongo-java-server on its H2 backend, as in the standalone; the
 * broker is embedded; all in one JVM on the machine's cores. Prints; asserts nothing. Not part of
 * {@code verify} (the name matches no test pattern): run it with {@code bench/webhooks.sh}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookDeliveryBench {

    private static final int RATE = Integer.getInteger("bench.rate", 50);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 20);
    private static final TestKafka KAFKA = new TestKafka();
    private static final Path STORE_DIR = temporaryDirectory();
    private static final MongoServer MONGO = h2Mongo();
    private static final byte[] KEY = TestTokens.randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + MONGO.getLocalAddress().getPort()
                + "/runs");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
        registry.add("switchboard.webhooks.signing-secret", () -> "bench-signing-secret-0123456789");
        registry.add("switchboard.egress.allow-private", () -> "true");
        registry.add("logging.level.dev.switchboard", () -> "WARN");
        registry.add("switchboard.webhooks.poll-every", () -> System.getProperty("bench.poll-every", "1s"));
    }

    @AfterAll
    static void stop() {
        MONGO.shutdown();
        KAFKA.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    RegistryView registry;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DeliveryStore deliveries;

    private final Map<String, Long> receivedAtMicros = new ConcurrentHashMap<>();
    private final Map<String, Long> finishedAtMicros = new ConcurrentHashMap<>();

    @Test
    void webhookLatencyAfterRunFinished() throws Exception {
        try (RegistryFixture tools = new RegistryFixture(KAFKA.bootstrapServers())) {
            tools.counter("bench-hook", null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.tool("bench-hook").isPresent());
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            long now = micros();
            exchange.getRequestBody().readAllBytes();
            receivedAtMicros.putIfAbsent(exchange.getRequestHeaders().getFirst("X-Switchboard-Run-Id"), now);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread finished = Thread.ofPlatform().name("bench-run-finished").start(() -> consumeFinished(consuming));
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try {
            System.out.printf("webhook bench: warming up, %d runs/s for %d s%n", RATE, WARM_UP_SECONDS);
            List<String> warm = load(hook, WARM_UP_SECONDS);
            awaitDelivered(warm);
            Timer timer = meters.find("switchboard.webhook.delivery.latency").timer();
            long timerCountBefore = timer == null ? 0 : timer.count();
            List<String> measured = load(hook, SECONDS);
            awaitDelivered(measured);
            Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
            int missing = 0;
            for (String runId : measured) {
                Long at = receivedAtMicros.get(runId);
                Long from = finishedAtMicros.get(runId);
                if (at == null || from == null) {
                    missing++;
                    continue;
                }
                latency.recordValue(Math.max(0, at - from));
            }
            System.out.printf("webhook bench: %d runs at %d/s for %d s; %d without a webhook or RunFinished seen%n",
                    measured.size(), RATE, SECONDS, missing);
            System.out.printf("webhook delivered after RunFinished: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f"
                    + " ms (n=%d)%n", ms(latency, 50), ms(latency, 90), ms(latency, 99),
                    latency.getMaxValue() / 1000.0, latency.getTotalCount());
            System.out.printf("webhook bench: delivery timer (to the receiver's answer) counted %d deliveries%n",
                    meters.find("switchboard.webhook.delivery.latency").timer().count() - timerCountBefore);
            breakdown(measured);
        } finally {
            consuming.set(false);
            finished.join();
            receiver.stop(0);
        }
    }

    /**
     * Where the time went: RunFinished to the webhook consumer taking it (the delivery's createdAt),
     * and from there to the first attempt begun (the batch's read and insert, the hand-off).
     */
    private void breakdown(List<String> runIds) {
        Histogram stored = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        Histogram begun = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        for (String runId : runIds) {
            WebhookDelivery delivery = deliveries.find(runId).orElse(null);
            if (delivery == null || delivery.getAttempts().isEmpty()) {
                continue;
            }
            stored.recordValue(Math.max(0, micros(delivery.getCreatedAt()) - micros(delivery.getRunFinishedAt())));
            begun.recordValue(Math.max(0, micros(delivery.getAttempts().getFirst().at())
                    - micros(delivery.getCreatedAt())));
        }
        System.out.printf("webhook bench: RunFinished to taken by the consumer p50 %.2f ms, p99 %.2f ms; taken to"
                + " first attempt p50 %.2f ms, p99 %.2f ms%n", ms(stored, 50), ms(stored, 99), ms(begun, 50),
                ms(begun, 99));
    }

    /** Starts runs at a fixed rate on virtual threads; the runIds it started. */
    private List<String> load(String hook, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        String token = TestTokens.mint(KEY, "bench", "user");
        URI run = URI.create("http://127.0.0.1:" + port + "/api/v1/tools/bench-hook/run");
        List<String> runIds = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        for (int i = 0; i < seconds * RATE; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                // open-loop pacing: each run is started at its slot, whatever the last one did
                LockSupport.parkNanos(wait);
            }
            String runId = "bench-" + UUID.randomUUID();
            runIds.add(runId);
            String body = "{\"runId\": \"" + runId + "\", \"inputs\": {\"n\": 1}, \"options\": {\"async\": true,"
                    + " \"webhookUrl\": \"" + hook + "\"}}";
            http.sendAsync(HttpRequest.newBuilder(run).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    });
        }
        if (errors.get() > 0) {
            System.out.printf("webhook bench: %d run requests failed%n", errors.get());
        }
        return runIds;
    }

    /** Waits up to a minute for every webhook; the report counts any that did not come. */
    private void awaitDelivered(List<String> runIds) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> receivedAtMicros.keySet().containsAll(runIds));
        } catch (ConditionTimeoutException missing) {
            // reported below, as runs without a webhook
        }
    }

    private void consumeFinished(AtomicBoolean consuming) {
        try (KafkaConsumer<String, SwitchboardEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new EventSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RUNS_FINISHED));
            while (consuming.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.value() instanceof RunFinished event) {
                        finishedAtMicros.put(event.runId(), micros(event.occurredAt()));
                    }
                });
            }
        }
    }

    private static long micros() {
        return micros(Instant.now());
    }

    private static long micros(Instant at) {
        return TimeUnit.SECONDS.toMicros(at.getEpochSecond()) + at.getNano() / 1000;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("webhook-bench-store");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The standalone's backend; {@code -Dbench.store=memory} for the in-memory one, to tell the store's share. */
    private static MongoServer h2Mongo() {
        var backend = "memory".equals(System.getProperty("bench.store"))
                ? new de.bwaldvogel.mongo.backend.memory.MemoryBackend()
                : new H2Backend(STORE_DIR.resolve("mongo.mv").toString());
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        return server;
    }
}
