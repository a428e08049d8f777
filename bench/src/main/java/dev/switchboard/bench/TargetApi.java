package dev.switchboard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outside API the benchmarked tools call, served by the bench itself on loopback so that the
 * direct call and the run call the very same endpoint: {@code GET /ping} answers at once,
 * {@code GET /items/{n}} after a fixed latency (a remote API's), which is what makes a loop's
 * concurrency worth measuring.
 */
final class TargetApi implements AutoCloseable {

    private static final byte[] PING = "{\"ok\":true,\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong calls = new AtomicLong();

    TargetApi(int itemDelayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        server.createContext("/ping", exchange -> answer(exchange, PING));
        server.createContext("/items/", exchange -> {
            String n = exchange.getRequestURI().getPath().substring("/items/".length()).replaceAll("[^0-9]", "");
            // the remote API's own latency: answered later by a timer, no thread held meanwhile
            CompletableFuture.delayedExecutor(itemDelayMs, TimeUnit.MILLISECONDS).execute(() -> {
                try {
                    answer(exchange, ("{\"item\":\"" + n + "\"}").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    exchange.close(); // the caller went away
                }
            });
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests served so far (direct and through Switchboard alike). */
    long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange, byte[] body) throws IOException {
        calls.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
