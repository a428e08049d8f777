package dev.switchboard.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One step call against a real local HTTP server (the outside world). The same server answers
 * the secrets resolve contract, with one secret: {@code crm_token}.
 */
@SpringBootTest
class HttpStepCallerIT {

    private static final TestKafka KAFKA = new TestKafka();
    private static final String TOKEN_VALUE = "tok-5ecr3t-value";
    private static final List<Headers> SEEN = new CopyOnWriteArrayList<>();
    private static final HttpServer SERVER = start();
    private static final String BASE = "http://127.0.0.1:" + SERVER.getAddress().getPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(TestTokens.randomKey()));
        registry.add("switchboard.secrets.url", () -> BASE);
        registry.add("switchboard.secrets.service-token", () -> "svc");
    }

    @AfterAll
    static void stop() {
        SERVER.stop(0);
    }

    @Autowired
    HttpStepCaller caller;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    @Test
    void callsTheConnectorWithAuthHeadersQueryAndAnIdempotencyKey() {
        StepOutcome outcome = caller.call(step("GET", null, "/users/42", Map.of("X-Trace", "t1"),
                Map.of("team", "core team"), null), Optional.of(connector("bearer")), Map.of());

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.data().get("id").asInt()).isEqualTo(42);
        assertThat(outcome.data().get("query").asString()).isEqualTo("team=core%20team");
        Headers headers = SEEN.getLast();
        assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer " + TOKEN_VALUE);
        assertThat(headers.getFirst("Accept")).isEqualTo("application/json");
        assertThat(headers.getFirst("X-Trace")).isEqualTo("t1");
        assertThat(headers.getFirst("Idempotency-Key")).isEqualTo("run-1:details:3");
    }

    @Test
    void secretPlaceholdersAreFilledAtCallTimeAndMaskedInErrors() {
        StepOutcome outcome = caller.call(step("POST", BASE + "/echo-error", null,
                Map.of("X-Key", "{{secret:crm_token}}"), null, json.readTree("{\"note\": \"{{secret:crm_token}}\"}")),
                Optional.empty(), Map.of());

        assertThat(SEEN.getLast().getFirst("X-Key")).isEqualTo(TOKEN_VALUE);
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("HTTP_ERROR");
        assertThat(outcome.error().httpStatus()).isEqualTo(400);
        assertThat(outcome.error().message()).contains("****").doesNotContain(TOKEN_VALUE);
    }

    @Test
    void theRunsOwnCredentialsComeBeforeStoredSecretsAndAreMasked() {
        StepOutcome outcome = caller.call(step("POST", BASE + "/echo-error", null,
                Map.of("X-Key", "{{secret:crm_token}}"), null, json.readTree("{\"note\": \"{{secret:crm_token}}\"}")),
                Optional.empty(), Map.of("crm_token", "run-only-credential"));

        assertThat(SEEN.getLast().getFirst("X-Key")).isEqualTo("run-only-credential");
        assertThat(outcome.error().message()).contains("****").doesNotContain("run-only-credential");
    }

    @Test
    void aMissingSecretSendsNothing() {
        StepOutcome outcome = caller.call(step("GET", BASE + "/users/1", null,
                Map.of("X-Key", "{{secret:nope}}"), null, null), Optional.empty(), Map.of());

        assertThat(outcome.error().code()).isEqualTo("SECRET_NOT_FOUND");
        assertThat(outcome.calls().requests()).isZero();
        assertThat(SEEN).noneMatch(h -> h.containsKey("X-key"));
    }

    @Test
    void non2xxAndTextAndLargeAndUnreachableAreReported() {
        StepOutcome missing = caller.call(step("GET", BASE + "/missing", null, null, null, null), Optional.empty(), Map.of());
        StepOutcome text = caller.call(step("GET", BASE + "/text", null, null, null, null), Optional.empty(), Map.of());
        StepOutcome huge = caller.call(step("GET", BASE + "/huge", null, null, null, null), Optional.empty(), Map.of());
        StepOutcome down = caller.call(step("GET", "http://127.0.0.1:1/x", null, null, null, null), Optional.empty(), Map.of());

        assertThat(missing.error().httpStatus()).isEqualTo(404);
        assertThat(missing.error().message()).startsWith("HTTP 404: ");
        assertThat(text.data().asString()).isEqualTo("plain words");
        assertThat(huge.error().code()).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(down.error().code()).isEqualTo("CONNECTION_FAILED");
    }

    private static StepRequested step(String method, String url, String path, Map<String, String> headers,
            Map<String, String> query, JsonNode body) {
        StepRequest request = new StepRequest(StepKind.HTTP, url == null ? "acme/crm" : null, null, method, url, path,
                headers, query, body, null, null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), null, "run-1", "details", 3, 1,
                Instant.now().plusSeconds(60), request, null, "alice");
    }

    private JsonNode connector(String authType) {
        return json.readTree("""
                {"namespace": "acme", "name": "crm", "type": "http", "baseUrl": "%s", "timeoutMs": 5000,
                 "headers": {"Accept": "application/json"},
                 "auth": {"type": "%s", "secret": "crm_token"}}""".formatted(BASE, authType));
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/internal/v1/secrets/resolve", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("\"crm_token\"")) {
                    reply(exchange, 200, "application/json", "{\"name\":\"crm_token\",\"scope\":\"shared\","
                            + "\"version\":1,\"value\":\"" + TOKEN_VALUE + "\"}");
                } else {
                    reply(exchange, 404, "application/json", "{\"code\":\"SECRET_NOT_FOUND\"}");
                }
            });
            server.createContext("/users/", exchange -> {
                SEEN.add(exchange.getRequestHeaders());
                String id = exchange.getRequestURI().getPath().substring("/users/".length());
                reply(exchange, 200, "application/json", "{\"id\": " + id + ", \"query\": \""
                        + exchange.getRequestURI().getRawQuery() + "\"}");
            });
            server.createContext("/echo-error", exchange -> {
                SEEN.add(exchange.getRequestHeaders());
                reply(exchange, 400, "application/json", new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
            });
            server.createContext("/missing", exchange -> reply(exchange, 404, "text/plain", "no such thing"));
            server.createContext("/text", exchange -> reply(exchange, 200, "text/plain", "plain words"));
            server.createContext("/huge", exchange -> {
                byte[] chunk = new byte[1024 * 1024];
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, 0);
                try (var out = exchange.getResponseBody()) {
                    for (int i = 0; i < 12; i++) {
                        out.write(chunk);
                    }
                } catch (IOException clientGaveUp) {
                    // the caller stops reading past its limit
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
