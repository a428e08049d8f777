package dev.switchboard.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP API on 127.0.0.1 for tools to call: {@code GET /items} lists six items,
 * {@code GET /items/{id}} returns one (id 3 is missing: 404; {@code ?delayMs=} makes it wait), {@code GET /slow} trickles a byte
 * every 100 ms for up to 20 s and records whether the caller hung up. It counts every call by path
 * and keeps the headers it saw, so tests can check what was sent and how often.
 */
final class TargetApi implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    final AtomicInteger slowCancelled = new AtomicInteger();

    TargetApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/items", this::items);
        server.createContext("/slow", this::slow);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int calls(String path) {
        AtomicInteger count = calls.get(path);
        return count == null ? 0 : count.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void items(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        headers.add(Map.copyOf(exchange.getRequestHeaders()));
        if (path.equals("/items")) {
            reply(exchange, 200, "[" + String.join(",", java.util.stream.IntStream.rangeClosed(1, 6)
                    .mapToObj(i -> "{\"id\":" + i + "}").toList()) + "]");
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.startsWith("delayMs=")) {
            try {
                Thread.sleep(Long.parseLong(query.substring("delayMs=".length())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String id = path.substring("/items/".length());
        if (id.equals("3")) {
            reply(exchange, 404, "{\"message\":\"no item 3\"}");
        } else {
            reply(exchange, 200, "{\"id\":" + id + ",\"name\":\"item " + id + "\"}");
        }
    }

    private void slow(HttpExchange exchange) throws IOException {
        calls.computeIfAbsent("/slow", p -> new AtomicInteger()).incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write('[');
            for (int i = 0; i < 200; i++) {
                body.write(' ');
                body.flush();
                Thread.sleep(100);
            }
            body.write(']');
        } catch (IOException hungUp) {
            slowCancelled.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
