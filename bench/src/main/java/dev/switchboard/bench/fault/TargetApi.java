package dev.switchboard.bench.fault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API the fault run's tool calls: {@code GET /items/{id}?delayMs=}, answered after the delay
 * (the API's own work) with a small JSON item. Every call is recorded with its
 * {@code Idempotency-Key}, when it began and what it was answered; {@link #failFor} makes it answer
 * 503 for a window.
 */
final class TargetApi implements AutoCloseable {

    private static final Pattern ITEM = Pattern.compile("/items/(\\d+)");
    private static final Pattern DELAY = Pattern.compile("(?:^|&)delayMs=(\\d{1,4})(?:&|$)");

    private final HttpServer server;
    private final ConcurrentLinkedQueue<TargetCall> calls = new ConcurrentLinkedQueue<>();
    private volatile long failUntilNanos = Long.MIN_VALUE;

    TargetApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/items/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers 503 from now on for {@code window}; returns when the window ends (nanoTime). */
    long failFor(Duration window) {
        long until = System.nanoTime() + window.toNanos();
        failUntilNanos = until;
        return until;
    }

    List<TargetCall> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long startedAt = System.nanoTime();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        Matcher item = ITEM.matcher(exchange.getRequestURI().getPath());
        if (!item.matches()) {
            answer(exchange, key, startedAt, 404, "{\"error\":\"no such item\"}");
            return;
        }
        if (startedAt < failUntilNanos) {
            answer(exchange, key, startedAt, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        Matcher delay = DELAY.matcher(query == null ? "" : query);
        String found = "{\"id\":" + item.group(1) + ",\"name\":\"item " + item.group(1) + "\"}";
        if (!delay.find()) {
            answer(exchange, key, startedAt, 200, found);
            return;
        }
        // the API's own latency, so that calls are in flight when a fault strikes: answered later by a
        // timer, with no thread held while the call is open (the exchange stays open until answered)
        CompletableFuture.delayedExecutor(Long.parseLong(delay.group(1)), TimeUnit.MILLISECONDS).execute(() -> {
            try {
                answer(exchange, key, startedAt, 200, found);
            } catch (IOException e) {
                exchange.close(); // the platform gave up on the call (a killed executor): nothing to answer
            }
        });
    }

    private void answer(HttpExchange exchange, String key, long startedAt, int status, String body) throws IOException {
        calls.add(new TargetCall(key, startedAt, status));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
