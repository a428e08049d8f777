package dev.switchboard.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor's figures for issue 7, side by side in one run against one local API: the cost of a
 * step call (secrets, auth, egress check, retry/breaker/limiter/bulkhead, parsing) over a plain
 * WebClient call, and whether three healthy connectors keep their latency while a fourth is slow
 * (2 s calls, 200 at once) or failing (503, its breaker open). Prints percentiles for
 * docs/benchmarks.md; asserts no time. Not part of {@code verify} (the name matches no test
 * pattern): run it with {@code bench/executor-calls.sh}.
 */
@SpringBootTest
class ExecutorCallBench {

    private static final TestKafka KAFKA = new TestKafka();
    private static final HttpServer SERVER = start();
    private static final String BASE = "http://127.0.0.1:" + SERVER.getAddress().getPort();
    private static final int CALLS = 20_000;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.egress.allow-private", () -> "true");
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(TestTokens.randomKey()));
        registry.add("switchboard.secrets.url", () -> BASE);
    }

    @AfterAll
    static void stop() {
        SERVER.stop(0);
    }

    @Autowired
    HttpStepCaller caller;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void stepCallOverheadAndBulkheads() throws Exception {
        WebClient direct = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(
                ConnectionProvider.builder("direct").maxConnections(1024).build()))).build();
        JsonNode fast = connector("fast", "/fast");
        URI fastUri = URI.create(BASE + "/fast/x");
        for (int i = 0; i < 5_000; i++) {
            direct.get().uri(fastUri).retrieve().toEntity(byte[].class).block();
            assertThat(caller.call(step("bench/fast", "/x"), Optional.of(fast), Map.of()).success()).isTrue();
        }
        long[] plain = new long[CALLS];
        long[] step = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            direct.get().uri(fastUri).retrieve().toEntity(byte[].class).block();
            plain[i] = System.nanoTime() - start;
            start = System.nanoTime();
            caller.call(step("bench/fast", "/x"), Optional.of(fast), Map.of());
            step[i] = System.nanoTime() - start;
        }
        report("direct WebClient call", plain);
        report("executor step call", step);
        System.out.printf("executor overhead: p50 %.3f ms, p99 %.3f ms%n", pct(step, 50) - pct(plain, 50),
                pct(step, 99) - pct(plain, 99));

        report("3 healthy connectors, alone", healthyWhile(null));
        report("3 healthy connectors, 4th slow (200 x 2 s)", healthyWhile(connector("slow", "/slow")));
        report("3 healthy connectors, 4th failing (503)", healthyWhile(connector("failing", "/fail")));
    }

    /** Latency of calls to three healthy connectors for 10 s, while {@code fourth} is loaded. */
    private long[] healthyWhile(JsonNode fourth) throws Exception {
        AtomicBoolean going = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        if (fourth != null) {
            String ref = "bench/" + fourth.path("name").asString();
            // 200 callers, each paced to one call per 100 ms at most: the slow API holds 200 calls
            // at once, the failing one is asked 2,000 times a second (its breaker answers)
            for (int i = 0; i < 200; i++) {
                load.add(Thread.startVirtualThread(() -> {
                    while (going.get()) {
                        long next = System.nanoTime() + 100_000_000L;
                        caller.call(step(ref, "/x"), Optional.of(fourth), Map.of());
                        java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    }
                }));
            }
        }
        List<JsonNode> healthy = List.of(connector("a", "/fast"), connector("b", "/fast"), connector("c", "/fast"));
        List<Long> nanos = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<List<Long>>> results = new ArrayList<>();
            for (JsonNode connector : healthy) {
                results.add(threads.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    String ref = "bench/" + connector.path("name").asString();
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        caller.call(step(ref, "/x"), Optional.of(connector), Map.of());
                        mine.add(System.nanoTime() - start);
                    }
                    return mine;
                }));
            }
            for (var result : results) {
                nanos.addAll(result.get());
            }
        } finally {
            going.set(false);
            for (Thread thread : load) {
                thread.join();
            }
        }
        return nanos.stream().mapToLong(Long::longValue).toArray();
    }

    private JsonNode connector(String name, String basePath) {
        return json.readTree("""
                {"namespace": "bench", "name": "%s", "type": "http", "baseUrl": "%s%s", "timeoutMs": 10000,
                 "retry": {"maxAttempts": 1}}""".formatted(name, BASE, basePath));
    }

    private static StepRequested step(String connector, String path) {
        StepRequest request = new StepRequest(StepKind.HTTP, connector, null, "GET", null, path, null, null, null,
                null, null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), null, "bench-run", "call", 0, 1,
                Instant.now().plusSeconds(60), request, null, "bench");
    }

    private static void report(String label, long[] nanos) {
        System.out.printf("%-45s p50 %.3f ms  p99 %.3f ms  (n=%d)%n", label, pct(nanos, 50), pct(nanos, 99),
                nanos.length);
    }

    private static double pct(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/fast/", exchange -> reply(exchange, 200, "{\"ok\": true, \"items\": [1, 2, 3]}"));
            server.createContext("/fail/", exchange -> reply(exchange, 503, "{\"error\": \"down\"}"));
            server.createContext("/slow/", exchange -> {
                try {
                    // the scenario itself: an API that takes 2 s to answer (the bench waits on no condition)
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, "{\"ok\": true}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
