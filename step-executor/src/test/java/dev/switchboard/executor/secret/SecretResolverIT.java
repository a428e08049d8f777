package dev.switchboard.executor.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.SecretChanged;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.kafka.EventSerde;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The executor's resolver in its Spring context with a real broker. The secrets service's
 * internal resolve contract is served by a JDK HttpServer here (the executor must not depend on
 * another service's code); the secrets service's own ITs prove the other side of the contract.
 */
@SpringBootTest
class SecretResolverIT {

    private static final TestKafka KAFKA = new TestKafka();
    private static final String SERVICE_TOKEN = "svc-" + UUID.randomUUID();
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final HttpServer SECRETS = start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(TestTokens.randomKey()));
        registry.add("switchboard.secrets.url", () -> "http://127.0.0.1:" + SECRETS.getAddress().getPort());
        registry.add("switchboard.secrets.service-token", () -> SERVICE_TOKEN);
    }

    @AfterAll
    static void stop() {
        SECRETS.stop(0);
    }

    @Autowired
    SecretResolver resolver;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /** The listener starts at the latest offset, so a change published before it is assigned would be missed. */
    @BeforeEach
    void reset() {
        listeners.getListenerContainers().forEach(container -> ContainerTestUtils.waitForAssignment(container, 3));
        VALUES.clear();
        CALLS.set(0);
    }

    @Test
    void aResolvedValueIsReusedUntilItsSecretChanges() {
        VALUES.put("shared:slack_token", "xoxb-1");

        assertThat(resolver.resolve("slack_token", "alice").value().asString()).isEqualTo("xoxb-1");
        assertThat(resolver.resolve("slack_token", "alice").value().asString()).isEqualTo("xoxb-1");
        assertThat(CALLS.get()).isEqualTo(1);

        VALUES.put("shared:slack_token", "xoxb-2");
        publish(new SecretChanged(UUID.randomUUID(), Instant.now(), null, "slack_token", SecretChanged.Scope.SHARED,
                null, 2, SecretChanged.Change.UPDATED));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> resolver.resolve("slack_token", "alice").value().asString().equals("xoxb-2"));
    }

    @Test
    void aPrivateChangeEvictsOnlyItsOwner() {
        VALUES.put("private:alice:key", "alice-1");
        VALUES.put("shared:key", "shared-1");
        resolver.resolve("key", "alice");
        resolver.resolve("key", "bob");
        int before = CALLS.get();

        publish(new SecretChanged(UUID.randomUUID(), Instant.now(), null, "key", SecretChanged.Scope.PRIVATE,
                "alice", 2, SecretChanged.Change.UPDATED));
        VALUES.put("private:alice:key", "alice-2");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> resolver.resolve("key", "alice").value().asString().equals("alice-2"));
        int afterAlice = CALLS.get();
        assertThat(resolver.resolve("key", "bob").value().asString()).isEqualTo("shared-1");
        assertThat(CALLS.get()).isEqualTo(afterAlice);
        assertThat(afterAlice).isGreaterThan(before);
    }

    @Test
    void aMissingSecretIsAnErrorAndIsNotRemembered() {
        assertThatThrownBy(() -> resolver.resolve("nope", "alice")).isInstanceOf(SecretResolutionException.class)
                .satisfies(e -> assertThat(((SecretResolutionException) e).code()).isEqualTo("SECRET_NOT_FOUND"));
        VALUES.put("shared:nope", "now-there");

        assertThat(resolver.resolve("nope", "alice").value().asString()).isEqualTo("now-there");
    }

    @Test
    void warmLookupsCostMicroseconds() {
        VALUES.put("shared:hot", "v");
        resolver.resolve("hot", "alice");
        long[] nanos = new long[200_000];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            resolver.resolve("hot", "alice");
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("warm secret resolve: p50 %.2f us, p99 %.2f us, p99.9 %.2f us (n=%d)%n",
                nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3,
                nanos[(int) (nanos.length * 0.999)] / 1e3, nanos.length);
        assertThat(CALLS.get()).isEqualTo(1);
    }

    private static void publish(SecretChanged change) {
        try (var producer = new KafkaProducer<String, SwitchboardEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(),
                new EventSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.SECRETS_CHANGES, change.key(), change));
        }
    }

    /** Answers like the secrets service's internal endpoint, checking the service credential. */
    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/internal/v1/secrets/resolve", SecretResolverIT::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        CALLS.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String name = body.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
        String user = body.contains("userId") ? body.replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1") : null;
        if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{}");
        } else if (user != null && VALUES.containsKey("private:" + user + ":" + name)) {
            reply(exchange, 200, "{\"name\":\"" + name + "\",\"scope\":\"private\",\"version\":1,\"value\":\""
                    + VALUES.get("private:" + user + ":" + name) + "\"}");
        } else if (VALUES.containsKey("shared:" + name)) {
            reply(exchange, 200, "{\"name\":\"" + name + "\",\"scope\":\"shared\",\"version\":1,\"value\":\""
                    + VALUES.get("shared:" + name) + "\"}");
        } else {
            reply(exchange, 404, "{\"code\":\"SECRET_NOT_FOUND\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
