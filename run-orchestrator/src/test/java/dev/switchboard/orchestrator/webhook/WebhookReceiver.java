package dev.switchboard.orchestrator.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real local webhook receiver (the JDK's HttpServer): answers each POST with the next scripted
 * answer (then 200), and records every request it got, per path.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One answer: a status and headers; {@code hold} keeps the request open until released. */
    record Answer(int status, Map<String, String> headers, CountDownLatch hold) {

        static Answer status(int status) {
            return new Answer(status, Map.of(), null);
        }
    }

    record Received(String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, Queue<Answer>> scripts = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver(String address) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The answers {@code path} gives, in order; 200 after them. */
    void script(String path, Answer... answers) {
        scripts.put(path, new ConcurrentLinkedQueue<>(List.of(answers)));
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
        Queue<Answer> script = scripts.get(path);
        Answer answer = script == null ? null : script.poll();
        if (answer == null) {
            answer = Answer.status(200);
        }
        try {
            if (answer.hold() != null) {
                answer.hold().await(30, TimeUnit.SECONDS);
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the sender hung up (it was stopped): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
