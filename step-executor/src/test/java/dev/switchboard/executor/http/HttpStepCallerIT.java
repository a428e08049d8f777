package dev.switchboard.executor.http;

import dev.switchboard.executor.call.StepOutcome;
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
    private static final List<String> PAGE_CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> COUNTS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, List<Long>> ARRIVALS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String API_KEY = "k3y-0f-the-api";
    private static final String CLIENT_ID = "switchboard-client";
    private static final String CLIENT_SECRET = "cl1ent-s3cret-value";
    private static final Map<String, String> SECRETS = Map.of(
            "crm_token", "\"" + TOKEN_VALUE + "\"",
            "api_key", "\"" + API_KEY + "\"",
            "login", "{\"username\": \"svc-user\", \"password\": \"b4sic-pass-word\"}",
            "quoted", "\"q\\\"uo\\\\te-s3cret\"",
            "login_text", "\"svc-user:b4sic-pass-word\"",
            "oauth_client", "{\"clientId\": \"" + CLIENT_ID + "\", \"clientSecret\": \"" + CLIENT_SECRET + "\"}",
            "oauth_wrong", "{\"client_id\": \"" + CLIENT_ID + "\", \"client_secret\": \"not-the-s3cret\"}");
    private static final Map<String, Instant> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger ISSUED = new java.util.concurrent.atomic.AtomicInteger();
    private static final HttpServer SERVER = start();
    private static final String BASE = "http://127.0.0.1:" + SERVER.getAddress().getPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        // the test servers are on loopback, which deployments refuse (ADR 010)
        registry.add("switchboard.egress.allow-private", () -> "true");
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
    void anArrayParameterIsSentOncePerValue() {
        StepRequest request = new StepRequest(StepKind.HTTP, "acme/crm", null, "GET", null, "/users/5", null,
                Map.of("team", "core"), null, null, null, Map.of("id", List.of("1", "2")));
        StepOutcome outcome = caller.call(new StepRequested(UUID.randomUUID(), Instant.now(), null, "run-1", "details",
                0, 1, Instant.now().plusSeconds(60), request, null, "alice"), Optional.of(connector("none")), Map.of());

        assertThat(outcome.data().get("query").asString()).isEqualTo("team=core&id=1&id=2");
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
    void aSecretWithQuotesStaysInsideItsJsonStringAndAnEchoInASuccessIsMaskedToo() {
        StepOutcome outcome = caller.call(step("POST", BASE + "/echo-ok", null, null, null,
                json.readTree("{\"note\": \"{{secret:quoted}}\", \"n\": 1}")), Optional.empty(), Map.of());

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.data().path("valid").asBoolean()).isTrue();
        assertThat(outcome.data().path("echo").path("n").asInt()).isEqualTo(1);
        assertThat(outcome.data().toString()).doesNotContain("te-s3cret");
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

    @Test
    void everyStoredSecretAuthTypeReachesAServerThatChecksIt() {
        assertThat(protectedCall("/protected/bearer", "{\"type\": \"bearer\", \"secret\": \"crm_token\"}").success())
                .isTrue();
        assertThat(protectedCall("/protected/header-key",
                "{\"type\": \"api_key\", \"secret\": \"api_key\", \"header\": \"X-Api-Key\"}").success()).isTrue();
        assertThat(protectedCall("/protected/query-key", "{\"type\": \"api_key\", \"secret\": \"api_key\","
                + " \"position\": \"query\", \"paramName\": \"key\"}").success()).isTrue();
        assertThat(protectedCall("/protected/basic", "{\"type\": \"basic\", \"secret\": \"login\"}").success()).isTrue();
        assertThat(protectedCall("/protected/basic", "{\"type\": \"basic\", \"secret\": \"login_text\"}").success())
                .isTrue();
    }

    @Test
    void aRefusedCredentialEchoedBackByTheServerIsMasked() {
        StepOutcome outcome = protectedCall("/protected/bearer", "{\"type\": \"api_key\", \"secret\": \"api_key\","
                + " \"position\": \"query\", \"paramName\": \"wrong\"}");

        assertThat(outcome.error().httpStatus()).isEqualTo(401);
        assertThat(outcome.error().message()).contains("wrong=****").doesNotContain(API_KEY);
    }

    @Test
    void forwardTokenSendsTheCallersOwnTokenAndNothingWithoutIt() {
        String auth = "{\"type\": \"forward_token\"}";
        StepOutcome forwarded = caller.call(step("GET", null, "/protected/forwarded", null, null, null),
                Optional.of(connector(auth)), Map.of(dev.switchboard.contracts.transit.CredentialSeal.CALLER_TOKEN,
                        "caller.jwt.value"));
        int seen = SEEN.size();
        StepOutcome missing = caller.call(step("GET", null, "/protected/forwarded", null, null, null),
                Optional.of(connector(auth)), Map.of());

        assertThat(forwarded.success()).as(String.valueOf(forwarded.error())).isTrue();
        assertThat(missing.error().code()).isEqualTo("FORWARD_TOKEN_MISSING");
        assertThat(missing.calls().requests()).isZero();
        assertThat(SEEN).hasSize(seen);
    }

    @Test
    void oauthClientCredentialsTokensAreCachedAndRefreshedWhenTheyExpire() {
        String auth = "{\"type\": \"oauth2_client_credentials\", \"secret\": \"oauth_client\", \"tokenUrl\": \""
                + BASE + "/oauth/token\", \"scopes\": [\"read\", \"write\"]}";
        int issuedBefore = ISSUED.get();
        assertThat(protectedCall("/protected/oauth", auth).success()).isTrue();
        assertThat(protectedCall("/protected/oauth", auth).success()).isTrue();
        assertThat(ISSUED.get() - issuedBefore).as("one token serves both calls").isEqualTo(1);

        // 2-second tokens: keep calling until a second token was issued; none of the calls may fail
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                    StepOutcome outcome = protectedCall("/protected/oauth", auth);
                    assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
                    return ISSUED.get() - issuedBefore == 2;
                });
    }

    @Test
    void aRevokedOauthTokenIsReplacedOnceAndAWrongClientSecretFailsWithoutCallingTheApi() {
        String auth = "{\"type\": \"oauth2_client_credentials\", \"secret\": \"%s\", \"tokenUrl\": \""
                + BASE + "/oauth/token\", \"scopes\": [\"read\", \"write\"]}";
        assertThat(protectedCall("/protected/oauth", auth.formatted("oauth_client")).success()).isTrue();
        TOKENS.clear();
        StepOutcome replaced = protectedCall("/protected/oauth", auth.formatted("oauth_client"));
        int seen = SEEN.size();
        StepOutcome wrong = protectedCall("/protected/oauth", auth.formatted("oauth_wrong"));

        assertThat(replaced.success()).as(String.valueOf(replaced.error())).isTrue();
        assertThat(replaced.calls().requests()).isEqualTo(2);
        assertThat(wrong.error().code()).isEqualTo("AUTH_FAILED");
        assertThat(wrong.error().message()).contains("HTTP 401").doesNotContain("not-the-s3cret");
        assertThat(SEEN).hasSize(seen);
    }

    @Test
    void offsetPaginationOver237RecordsMakesFiveCallsAndReturnsEveryRecord() {
        PAGE_CALLS.clear();
        StepOutcome outcome = caller.call(paged("/records", Map.of("offset", "<<offset>>", "limit", "<<limit>>"),
                "{\"type\": \"offsetBased\", \"pageSize\": 50, \"resultPath\": \"data.items\"}"),
                Optional.of(connector("none")), Map.of());

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.data()).hasSize(237);
        assertThat(outcome.data().get(236).path("n").asInt()).isEqualTo(236);
        assertThat(PAGE_CALLS).containsExactly("offset=0&limit=50", "offset=50&limit=50", "offset=100&limit=50",
                "offset=150&limit=50", "offset=200&limit=50");
        assertThat(outcome.calls().requests()).isEqualTo(5);
    }

    @Test
    void cursorPaginationOver100EventsStartsWithoutTheCursor() {
        PAGE_CALLS.clear();
        StepOutcome outcome = caller.call(paged("/events", Map.of("after", "<<cursor>>"),
                "{\"type\": \"cursorBased\", \"pageSize\": 30, \"cursorPath\": \"meta.next\", \"resultPath\": \"events\"}"),
                Optional.of(connector("none")), Map.of());

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.data()).hasSize(100);
        assertThat(PAGE_CALLS).containsExactly("null", "after=ev-30", "after=ev-60", "after=ev-90");
    }

    @Test
    void anApiThatIgnoresThePageParameterFailsWithPaginationLoop() {
        PAGE_CALLS.clear();
        StepOutcome outcome = caller.call(paged("/same", Map.of("page", "<<page>>"),
                "{\"type\": \"pageBased\", \"pageSize\": 2}"), Optional.of(connector("none")), Map.of());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("PAGINATION_LOOP");
        assertThat(PAGE_CALLS).hasSize(2);
    }

    private StepRequested paged(String path, Map<String, String> query, String pagination) {
        StepRequest request = new StepRequest(StepKind.HTTP, "acme/crm", null, "GET", null, path, null, query, null,
                json.readTree(pagination), null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), null, "run-1", "pages", 0, 1,
                Instant.now().plusSeconds(60), request, null, "alice");
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new java.util.HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return values;
    }

    @Test
    void cloudMetadataIsRefusedEvenWhereLoopbackIsAllowedAndNothingIsSent() {
        StepOutcome outcome = caller.call(step("GET", "http://169.254.169.254/latest/meta-data/", null, null, null,
                null), Optional.empty(), Map.of());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("EGRESS_DENIED");
        assertThat(outcome.error().message()).contains("169.254.169.254");
        assertThat(outcome.calls().requests()).isZero();
    }

    @Test
    void twoServiceUnavailablesThenSuccessIsOneStepWithThreeAttempts() {
        StepOutcome outcome = caller.call(step("GET", null, "/flaky", null, Map.of("down", "1"), null),
                Optional.of(connector("{\"type\": \"none\"}", "{\"maxAttempts\": 3, \"backoffMs\": 50}")), Map.of());

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.data().path("call").asInt()).isEqualTo(3);
        assertThat(outcome.retries()).isEqualTo(2);
        assertThat(outcome.calls().requests()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsWithRetryAfterWaitsThatLongOnceThenSucceeds() {
        StepOutcome outcome = caller.call(step("GET", null, "/flaky", null, Map.of("busy", "1"), null),
                Optional.of(connector("{\"type\": \"none\"}", "{\"maxAttempts\": 3, \"backoffMs\": 10}")), Map.of());

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.retries()).isEqualTo(1);
        List<Long> arrivals = ARRIVALS.get("busy=1");
        assertThat(arrivals).hasSize(2);
        assertThat(java.time.Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(950));
    }

    @Test
    void aBadRequestIsNotRetried() {
        StepOutcome outcome = caller.call(step("GET", null, "/flaky", null, Map.of("bad", "1"), null),
                Optional.of(connector("{\"type\": \"none\"}", "{\"maxAttempts\": 5, \"backoffMs\": 10}")), Map.of());

        assertThat(outcome.error().httpStatus()).isEqualTo(400);
        assertThat(outcome.retries()).isZero();
        assertThat(COUNTS.get("bad=1").get()).isEqualTo(1);
    }

    private StepOutcome protectedCall(String path, String auth) {
        return caller.call(step("GET", null, path, null, path.endsWith("query-key") ? Map.of("page", "1") : null, null),
                Optional.of(connector(auth)), Map.of());
    }

    private JsonNode connector(String auth) {
        return connector(auth, "null");
    }

    private JsonNode connector(String auth, String retry) {
        if (!auth.startsWith("{")) {
            auth = "{\"type\": \"" + auth + "\", \"secret\": \"crm_token\"}";
        }
        return json.readTree("""
                {"namespace": "acme", "name": "crm", "type": "http", "baseUrl": "%s", "timeoutMs": 5000,
                 "headers": {"Accept": "application/json"}, "auth": %s, "retry": %s}""".formatted(BASE, auth, retry));
    }

    private static StepRequested step(String method, String url, String path, Map<String, String> headers,
            Map<String, String> query, JsonNode body) {
        StepRequest request = new StepRequest(StepKind.HTTP, url == null ? "acme/crm" : null, null, method, url, path,
                headers, query, body, null, null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), null, "run-1", "details", 3, 1,
                Instant.now().plusSeconds(60), request, null, "alice");
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/internal/v1/secrets/resolve", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String name = body.replaceAll("(?s).*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                String value = SECRETS.get(name);
                if (value != null) {
                    reply(exchange, 200, "application/json", "{\"name\":\"" + name + "\",\"scope\":\"shared\","
                            + "\"version\":1,\"value\":" + value + "}");
                } else {
                    reply(exchange, 404, "application/json", "{\"code\":\"SECRET_NOT_FOUND\"}");
                }
            });
            server.createContext("/oauth/token", exchange -> {
                String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                        || !form.contains("grant_type=client_credentials") || !form.contains("scope=read+write")) {
                    reply(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
                    return;
                }
                String token = "at-" + ISSUED.incrementAndGet() + "-" + UUID.randomUUID();
                TOKENS.put(token, Instant.now().plusSeconds(2));
                reply(exchange, 200, "application/json", "{\"access_token\":\"" + token
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":2}");
            });
            server.createContext("/protected", exchange -> {
                SEEN.add(exchange.getRequestHeaders());
                String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                String query = String.valueOf(exchange.getRequestURI().getRawQuery());
                String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
                Instant expires = TOKENS.get(token);
                boolean ok = switch (exchange.getRequestURI().getPath()) {
                    case "/protected/bearer" -> authorization.equals("Bearer " + TOKEN_VALUE);
                    case "/protected/header-key" -> API_KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"));
                    case "/protected/query-key" -> query.equals("page=1&key=" + API_KEY);
                    case "/protected/basic" -> authorization.equals("Basic " + java.util.Base64.getEncoder()
                            .encodeToString("svc-user:b4sic-pass-word".getBytes(StandardCharsets.UTF_8)));
                    case "/protected/forwarded" -> authorization.equals("Bearer caller.jwt.value");
                    case "/protected/oauth" -> expires != null && Instant.now().isBefore(expires);
                    default -> false;
                };
                if (ok) {
                    reply(exchange, 200, "application/json", "{\"ok\": true}");
                } else {
                    // echoes what it got, as careless servers do: the executor must mask it
                    reply(exchange, 401, "text/plain", "refused " + authorization + " " + query + " "
                            + exchange.getRequestHeaders().getFirst("X-Api-Key"));
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
            server.createContext("/records", exchange -> {
                PAGE_CALLS.add(exchange.getRequestURI().getRawQuery());
                Map<String, String> q = query(exchange);
                int offset = Integer.parseInt(q.get("offset"));
                int limit = Integer.parseInt(q.get("limit"));
                String items = String.join(",", java.util.stream.IntStream.range(offset, Math.min(237, offset + limit))
                        .mapToObj(i -> "{\"n\":" + i + "}").toList());
                reply(exchange, 200, "application/json", "{\"data\": {\"items\": [" + items + "]}}");
            });
            server.createContext("/events", exchange -> {
                PAGE_CALLS.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
                String cursor = query(exchange).get("after");
                int from = cursor == null ? 0 : Integer.parseInt(cursor.substring("ev-".length()));
                int to = Math.min(100, from + 30);
                String events = String.join(",", java.util.stream.IntStream.range(from, to)
                        .mapToObj(i -> "{\"event\":" + i + "}").toList());
                String next = to < 100 ? "\"ev-" + to + "\"" : "null";
                reply(exchange, 200, "application/json", "{\"events\": [" + events + "], \"meta\": {\"next\": " + next
                        + "}}");
            });
            server.createContext("/flaky", exchange -> {
                String key = exchange.getRequestURI().getRawQuery();
                int call = COUNTS.computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet();
                ARRIVALS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                if (key.startsWith("busy") && call == 1) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    reply(exchange, 429, "application/json", "{\"error\": \"slow down\"}");
                } else if (key.startsWith("down") && call <= 2) {
                    reply(exchange, 503, "application/json", "{\"error\": \"unavailable\"}");
                } else if (key.startsWith("bad")) {
                    reply(exchange, 400, "application/json", "{\"error\": \"bad request\"}");
                } else {
                    reply(exchange, 200, "application/json", "{\"call\": " + call + "}");
                }
            });
            server.createContext("/same", exchange -> {
                PAGE_CALLS.add(exchange.getRequestURI().getRawQuery());
                reply(exchange, 200, "application/json", "[{\"n\": 1}, {\"n\": 2}]");
            });
            server.createContext("/echo-ok", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                try {
                    JsonNode parsed = JsonMapper.builder().build().readTree(body);
                    reply(exchange, 200, "application/json", "{\"valid\": true, \"echo\": " + parsed + "}");
                } catch (tools.jackson.core.JacksonException broken) {
                    reply(exchange, 400, "text/plain", "not JSON");
                }
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
