package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with real neighbours: a real HTTP server standing in for the registry, an
 * embedded KRaft broker, a Mongo wire-protocol server; the other services are simply not there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIT {

    private static final byte[] KEY = TestTokens.randomKey();
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final AtomicLong BODY_BYTES = new AtomicLong();
    private static final HttpServer REGISTRY = registry();
    private static final TestMongo MONGO = new TestMongo();
    private static final EmbeddedKafkaKraftBroker KAFKA = startKafka();
    private static final int NOTHING_THERE = closedPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
        registry.add("switchboard.services.registry-url", () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
        registry.add("switchboard.services.secrets-url", () -> "http://127.0.0.1:" + NOTHING_THERE);
        registry.add("switchboard.services.orchestrator-url", () -> "http://127.0.0.1:" + NOTHING_THERE);
        registry.add("switchboard.services.executor-url", () -> "http://127.0.0.1:" + NOTHING_THERE);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        registry.add("spring.mongodb.uri", MONGO::uri);
    }

    @AfterAll
    static void stopNeighbours() {
        REGISTRY.stop(0);
        MONGO.close();
        KAFKA.destroy();
    }

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aValidTokenReachesTheServiceWithItsAuthorizationAndATraceId() throws Exception {
        String token = token(KEY, Instant.now().plusSeconds(300));

        HttpResponse<String> response = get("/api/v1/connectors?namespace=acme", token, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"data\":[]");
        assertThat(SEEN.get("authorization")).isEqualTo("Bearer " + token);
        assertThat(SEEN.get("query")).isEqualTo("namespace=acme");
        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(SEEN.get("trace")).isEqualTo(traceId);
    }

    @Test
    void aCallersSaneTraceIdIsKeptAndAnInsaneOneReplaced() throws Exception {
        String token = token(KEY, Instant.now().plusSeconds(300));

        assertThat(get("/api/v1/connectors", token, "order-1234-abcd").headers().firstValue("X-Trace-Id"))
                .hasValue("order-1234-abcd");
        assertThat(SEEN.get("trace")).isEqualTo("order-1234-abcd");
        assertThat(get("/api/v1/connectors", token, "<script>").headers().firstValue("X-Trace-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void missingForeignAndExpiredTokensAre401ProblemsThatSayWhy() throws Exception {
        HttpResponse<String> missing = get("/api/v1/connectors", null, null);
        HttpResponse<String> foreign = get("/api/v1/connectors", token(TestTokens.randomKey(), Instant.now().plusSeconds(300)),
                null);
        HttpResponse<String> expired = get("/api/v1/connectors", token(KEY, Instant.now().minusSeconds(300)), null);

        for (HttpResponse<String> response : List.of(missing, foreign, expired)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
        }
        assertThat(detail(missing)).contains("bearer token is required");
        assertThat(detail(foreign)).contains("not valid");
        assertThat(detail(expired)).contains("expired");
    }

    @Test
    void aServiceThatIsDownIsA503NamingIt() throws Exception {
        HttpResponse<String> response = get("/api/v1/secrets", token(KEY, Instant.now().plusSeconds(300)), null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(detail(response)).isEqualTo("The secrets service is not reachable right now; try again shortly.");
    }

    @Test
    void anUnknownApiPathIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/api/v1/nowhere", token(KEY, Instant.now().plusSeconds(300)), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void healthNamesEveryServiceKafkaAndMongo() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null, null);

        JsonNode components = json.readTree(response.body()).get("components");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(status(components, "registry")).isEqualTo("UP");
        assertThat(status(components, "kafka")).isEqualTo("UP");
        assertThat(components.get("kafka").get("details").get("nodes").asInt()).isEqualTo(1);
        assertThat(status(components, "mongo")).isEqualTo("UP");
        for (String down : List.of("secrets", "orchestrator", "executor")) {
            assertThat(status(components, down)).as(down).isEqualTo("DOWN");
        }
    }

    @Test
    void apiDocsMergeTheServicesDocumentsAndListTheMissingOnes() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode docs = json.readTree(response.body());
        assertThat(docs.get("info").get("title").asString()).isEqualTo("Switchboard API");
        assertThat(docs.get("paths").has("/api/v1/connectors")).isTrue();
        assertThat(docs.get("components").get("schemas").has("ListPageConnectorSummary")).isTrue();
        assertThat(docs.get("components").get("securitySchemes").get("bearerJwt").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(docs.get("x-unavailable").valueStream().map(JsonNode::asString))
                .containsExactly("secrets", "orchestrator");
        assertThat(get("/swagger-ui.html", null, null).statusCode()).isIn(200, 302);
    }

    /** Found by the bad-input sweep (standalone PublicApiFuzzIT): these were HTML or empty bodies. */
    @Test
    void aServicesNonProblemErrorAndRequestsNettyCannotReadAreProblemsToo() throws Exception {
        String token = token(KEY, Instant.now().plusSeconds(300));
        ApiClient api = new ApiClient(port);

        HttpResponse<String> html = get("/api/v1/tools", token, null);
        HttpResponse<String> empty = api.send("DELETE", "/api/v1/agents", token, null, null, Map.of());
        HttpResponse<String> hugeHeader = api.get("/api/v1/connectors", token, Map.of("X-Big", "h".repeat(20_000)));
        HttpResponse<String> hugeUrl = get("/api/v1/connectors/" + "p".repeat(10_000), token, null);
        HttpResponse<String> encodedDots = get("/api/v1/connectors/%2e%2e/x", token, null);
        HttpResponse<String> unknownMethod = api.send("FUZZ", "/api/v1/connectors", token, null, null, Map.of());

        assertProblem(html, 400);
        assertThat(html.body()).doesNotContain("<html");
        assertProblem(empty, 405);
        assertProblem(hugeHeader, 431);
        assertProblem(hugeUrl, 414);
        assertProblem(encodedDots, 400);
        assertProblem(unknownMethod, 400);
    }

    /**
     * The bad-input sweep once got no answer at all to a too-long URL sent with a body: the gateway
     * closed with the body unread, the kernel sent a reset, and the reset can wipe the answer before
     * the client reads it. The gateway now stops writing and keeps reading until the client closes.
     */
    @Test
    void aRefusedRequestsBodyArrivingAfterTheAnswerIsReadNotReset() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] body = "{\"x\":1}".repeat(128).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/agents/a/" + "n".repeat(6000) + "/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length * 20 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            // the gateway is done writing (end of stream); the body the client was sending anyway still
            // arrives: after a plain close, the first write draws a reset and the next one fails
            for (int i = 0; i < 20; i++) {
                out.write(body);
                out.flush();
            }

            assertThat(answer).startsWith("HTTP/1.1 414").contains("application/problem+json");
        }
    }

    /**
     * The bad-input sweep sent a 1.5 GB body, the gateway streamed it on, and the orchestrator ran
     * out of heap reading it. Bodies over 5 MB now stop at the gateway: declared or chunked.
     */
    @Test
    void aBodyOverTheLimitIsA413AtTheGatewayDeclaredOrChunked() throws Exception {
        String token = token(KEY, Instant.now().plusSeconds(300));
        byte[] big = ("{\"spec\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/connectors/parse-openapi"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        BODY_BYTES.set(-1);

        HttpResponse<String> declared = client.send(post.POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(declared, 413);
        assertThat(detail(declared)).isEqualTo("The request body is over the limit of 5 MB.");
        assertThat(BODY_BYTES.get()).as("bytes the registry read").isEqualTo(-1);

        HttpResponse<String> chunked = client.send(post.POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big))).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413);
        assertThat(BODY_BYTES.get()).as("bytes the registry read").isLessThan(big.length);

        byte[] fine = "{\"spec\":\"openapi: 3.0.0\"}".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> small = client.send(post.POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(fine))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(BODY_BYTES.get()).isEqualTo(fine.length);
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).startsWith("https://switchboard.dev/problems/");
        assertThat(problem.path("title").isString()).isTrue();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    private String detail(HttpResponse<String> response) {
        return json.readTree(response.body()).get("detail").asString();
    }

    private static String status(JsonNode components, String name) {
        return components.get(name).get("status").asString();
    }

    /**
     * A client may send its next request on a connection the gateway left open. So a refusal either
     * says {@code Connection: close} and closes, or keeps the connection usable: a connection closed
     * without notice costs a client its next request (the JDK client does not retry a DELETE or a POST).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusalEitherSaysItClosesTheConnectionOrKeepsItUsable(String refusal, String request, int bodyStillToSend,
            int status) throws Exception {
        String token = token(KEY, Instant.now().plusSeconds(300));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(request.replace("TOKEN", token).getBytes(StandardCharsets.US_ASCII));
            out.flush();

            RawResponse refused = RawResponse.read(in);
            assertThat(refused.status()).as(refused.head()).isEqualTo(status);
            if (refused.closes()) {
                assertThat(in.read()).as("end of stream after Connection: close").isEqualTo(-1);
                return;
            }
            // as a client does: the rest of the body it announced, then its next request; on a thread of
            // its own, as the gateway may read them only while it answers
            byte[] next = ("GET /api/v1/connectors HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    out.write(new byte[bodyStillToSend]);
                    out.write(next);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(RawResponse.read(in).status()).as("the next request on the kept connection").isEqualTo(200);
            assertThat(sender.join(Duration.ofSeconds(10))).isTrue();
        }
    }

    static List<Arguments> refusals() {
        String body = "{\"x\":\"" + "y".repeat(100_000) + "\"}";
        String head = "Host: 127.0.0.1\r\nContent-Type: application/json\r\n";
        return List.of(
                Arguments.of("no token, body sent", "POST /api/v1/connectors HTTP/1.1\r\n" + head
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body, 0, 401),
                Arguments.of("no token, body sent after the answer", "POST /api/v1/connectors HTTP/1.1\r\n" + head
                        + "Content-Length: 1000\r\n\r\n", 1000, 401),
                Arguments.of("Content-Length over the limit", "POST /api/v1/connectors HTTP/1.1\r\n" + head
                        + "Authorization: Bearer TOKEN\r\nContent-Length: 6000000\r\n\r\n", 6_000_000, 413),
                Arguments.of("unknown path, body sent", "DELETE /api/v1/nowhere HTTP/1.1\r\n" + head
                        + "Authorization: Bearer TOKEN\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, 0, 404),
                Arguments.of("service down", "DELETE /api/v1/secrets/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer TOKEN\r\n\r\n", 0, 503),
                Arguments.of("URL too long", "DELETE /api/v1/tools/" + "t".repeat(5000) + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: Bearer TOKEN\r\n\r\n", 0, 414),
                Arguments.of("a header too large", "GET /api/v1/connectors HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "X-Big: " + "h".repeat(20_000) + "\r\n\r\n", 0, 431));
    }

    /** An HTTP/1.1 response read off a socket: its head, and its body by Content-Length or chunks. */
    private record RawResponse(String head, int status, boolean closes) {

        private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

        static RawResponse read(InputStream in) throws IOException {
            String head = readUntil(in, "\r\n\r\n");
            String lower = head.toLowerCase(Locale.ROOT);
            Matcher length = CONTENT_LENGTH.matcher(lower);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
                readUntil(in, "\r\n0\r\n\r\n");
            }
            return new RawResponse(head, Integer.parseInt(head.substring(9, 12)),
                    lower.contains("\r\nconnection: close"));
        }

        private static String readUntil(InputStream in, String end) throws IOException {
            StringBuilder read = new StringBuilder("\r\n");
            while (read.length() < end.length() || read.indexOf(end, read.length() - end.length()) < 0) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("the connection ended before the response did: " + read.substring(2));
                }
                read.append((char) next);
            }
            return read.substring(2);
        }
    }

    private HttpResponse<String> get(String path, String token, String traceId) {
        return new ApiClient(port).get(path, token, traceId == null ? Map.of() : Map.of("X-Trace-Id", traceId));
    }

    private static String token(byte[] key, Instant expiry) {
        return TestTokens.mint(key, "alice", "admin", expiry);
    }

    private static HttpServer registry() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/connectors", exchange -> {
                SEEN.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                SEEN.put("trace", String.valueOf(exchange.getRequestHeaders().getFirst("X-Trace-Id")));
                SEEN.put("query", String.valueOf(exchange.getRequestURI().getRawQuery()));
                reply(exchange, "{\"data\":[],\"page\":1,\"limit\":20,\"total\":0,\"hasMore\":false}");
            });
            server.createContext("/api/v1/connectors/parse-openapi", exchange -> {
                BODY_BYTES.set(0);
                byte[] chunk = new byte[8192];
                for (int n; (n = exchange.getRequestBody().read(chunk)) >= 0; ) {
                    BODY_BYTES.addAndGet(n);
                }
                reply(exchange, "{\"operations\":[]}");
            });
            // as Tomcat answers what it refuses before the service sees it, and a bare 405
            server.createContext("/api/v1/tools", exchange -> {
                byte[] page = "<!doctype html><html><body>HTTP Status 400</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
                exchange.sendResponseHeaders(400, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.createContext("/api/v1/agents", exchange -> {
                exchange.sendResponseHeaders(405, -1);
                exchange.close();
            });
            server.createContext("/actuator/health", exchange -> reply(exchange, "{\"status\":\"UP\"}"));
            server.createContext("/v3/api-docs", exchange -> reply(exchange, """
                    {"openapi":"3.1.0","info":{"title":"registry","version":"1"},
                     "paths":{"/api/v1/connectors":{"get":{"operationId":"list"}}},
                     "components":{"schemas":{"ListPageConnectorSummary":{"type":"object"}}}}"""));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        return broker;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
