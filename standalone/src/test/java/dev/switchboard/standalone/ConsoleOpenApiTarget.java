package dev.switchboard.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pet API on 127.0.0.1 that describes itself: {@code GET /openapi.json} is an OpenAPI 3
 * document of its own operations, {@code GET /pets} lists three pets and {@code GET /pets/{petId}}
 * returns one (404 for an id it does not have). The console imports it by URL and calls it.
 */
final class ConsoleOpenApiTarget implements AutoCloseable {

    private final HttpServer server;
    final AtomicInteger petCalls = new AtomicInteger();

    ConsoleOpenApiTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/openapi.json", exchange -> reply(exchange, 200, spec()));
        server.createContext("/pets", this::pets);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String specUrl() {
        return baseUrl() + "/openapi.json";
    }

    private String spec() {
        return """
                {"openapi": "3.0.3",
                 "info": {"title": "Console pets", "version": "1.0"},
                 "servers": [{"url": "%s"}],
                 "paths": {
                   "/pets": {"get": {"operationId": "listPets", "summary": "List the pets",
                     "parameters": [{"name": "limit", "in": "query", "description": "How many to return",
                                     "schema": {"type": "integer", "minimum": 1, "maximum": 10}}],
                     "responses": {"200": {"description": "The pets"}}}},
                   "/pets/{petId}": {"get": {"operationId": "getPet", "summary": "One pet by its id",
                     "parameters": [{"name": "petId", "in": "path", "required": true, "description": "The pet's id",
                                     "schema": {"type": "integer", "minimum": 1}}],
                     "responses": {"200": {"description": "The pet"}, "404": {"description": "No such pet"}}}}}}
                """.formatted(baseUrl());
    }

    private void pets(HttpExchange exchange) throws IOException {
        petCalls.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/pets")) {
            reply(exchange, 200, "[{\"id\":1,\"name\":\"Rex\"},{\"id\":2,\"name\":\"Tom\"},{\"id\":3,\"name\":\"Kiki\"}]");
            return;
        }
        String id = path.substring("/pets/".length());
        switch (id) {
            case "1" -> reply(exchange, 200, "{\"id\":1,\"name\":\"Rex\",\"kind\":\"dog\"}");
            case "2" -> reply(exchange, 200, "{\"id\":2,\"name\":\"Tom\",\"kind\":\"cat\"}");
            case "3" -> reply(exchange, 200, "{\"id\":3,\"name\":\"Kiki\",\"kind\":\"parrot\"}");
            default -> reply(exchange, 404, "{\"message\":\"no pet " + id.replaceAll("[^0-9A-Za-z]", "") + "\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Pet-Store", "console-it");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
