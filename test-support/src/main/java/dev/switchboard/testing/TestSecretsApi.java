package dev.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real HTTP server on loopback answering the secrets service's internal resolve contract
 * ({@code POST /internal/v1/secrets/resolve} → {@code {name, scope, version, value}} or 404
 * {@code SECRET_NOT_FOUND}) from {@code secrets}, a map of names to JSON values read at each call,
 * so an executor under test resolves secrets as it would in production.
 */
public final class TestSecretsApi implements AutoCloseable {

    private final HttpServer server;

    public TestSecretsApi(Map<String, String> secrets) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/secrets/resolve", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String name = body.replaceAll("(?s).*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            String value = secrets.get(name);
            if (value != null) {
                reply(exchange, 200, "{\"name\":\"" + name + "\",\"scope\":\"shared\",\"version\":1,\"value\":"
                        + value + "}");
            } else {
                reply(exchange, 404, "{\"code\":\"SECRET_NOT_FOUND\"}");
            }
        });
        server.start();
    }

    /** The base URL, for {@code switchboard.secrets.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
