package dev.switchboard.bench.fault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receives the runs' webhooks and records each delivery with the run it names
 * ({@code X-Switchboard-Run-Id}) and whether its {@code X-Switchboard-Signature} is the HMAC-SHA256
 * of the body under the platform's signing key.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final byte[] signingKey;
    private final ConcurrentLinkedQueue<WebhookDelivery> deliveries = new ConcurrentLinkedQueue<>();

    WebhookReceiver(String signingSecret) throws IOException {
        this.signingKey = signingSecret.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How many distinct runs whose id starts with {@code prefix} have had a webhook. */
    long runsDelivered(String prefix) {
        return deliveries.stream().map(WebhookDelivery::runId).filter(id -> id != null && id.startsWith(prefix))
                .distinct().count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String runId = exchange.getRequestHeaders().getFirst("X-Switchboard-Run-Id");
        String signature = exchange.getRequestHeaders().getFirst("X-Switchboard-Signature");
        deliveries.add(new WebhookDelivery(runId, signature != null && MessageDigest.isEqual(
                signature.getBytes(StandardCharsets.US_ASCII), sign(body).getBytes(StandardCharsets.US_ASCII))));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
