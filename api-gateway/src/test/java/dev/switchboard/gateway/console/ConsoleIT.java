package dev.switchboard.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.contracts.Topics;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's server side through the real gateway: signing in with a pasted token, the cookie
 * standing for the token on API calls (with CSRF for changes), the server-side page checks, and
 * the live run events, filtered per person, off a real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleIT {

    private static final byte[] KEY = TestTokens.randomKey();
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final HttpServer REGISTRY = registry();
    private static final TestMongo MONGO = new TestMongo();
    private static final EmbeddedKafkaKraftBroker KAFKA = startKafka();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
        String registryUrl = "http://127.0.0.1:" + REGISTRY.getAddress().getPort();
        registry.add("switchboard.services.registry-url", () -> registryUrl);
        registry.add("switchboard.services.secrets-url", () -> registryUrl);
        registry.add("switchboard.services.orchestrator-url", () -> registryUrl);
        registry.add("switchboard.services.executor-url", () -> registryUrl);
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

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aPastedTokenBecomesAnHttpOnlyLaxCookieThatLastsNoLongerThanTheToken() throws Exception {
        String xsrf = xsrfFromLoginPage();
        String token = TestTokens.mint(KEY, "alice", "user", Instant.now().plusSeconds(300));

        HttpResponse<String> signIn = send("POST", "/console/session", "{\"token\":\"Bearer " + token + "\"}",
                "XSRF-TOKEN=" + xsrf, Map.of("X-XSRF-TOKEN", xsrf));

        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(204);
        String cookie = setCookie(signIn, "switchboard_session");
        assertThat(cookie).startsWith("switchboard_session=" + token + ";").containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax", "Path=/").doesNotContain("Secure");
        long maxAge = Long.parseLong(cookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(1L, 300L);

        HttpResponse<String> me = send("GET", "/console/session", null, "switchboard_session=" + token, Map.of());
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode user = json.readTree(me.body());
        assertThat(user.get("sub").asString()).isEqualTo("alice");
        assertThat(user.get("admin").asBoolean()).isFalse();

        HttpResponse<String> signOut = send("DELETE", "/console/session", null,
                "switchboard_session=" + token + "; XSRF-TOKEN=" + xsrf, Map.of("X-XSRF-TOKEN", xsrf));
        assertThat(signOut.statusCode()).isEqualTo(204);
        assertThat(setCookie(signOut, "switchboard_session")).startsWith("switchboard_session=;").contains("Max-Age=0");
    }

    @Test
    void aRefusedTokenNamesTheFieldAndIsNeverEchoedAndSigningInNeedsTheCsrfToken() throws Exception {
        String xsrf = xsrfFromLoginPage();
        String foreign = TestTokens.mint(TestTokens.randomKey(), "mallory", "admin");
        String expired = TestTokens.mint(KEY, "alice", "user", Instant.now().minusSeconds(60));

        for (String token : List.of(foreign, expired, "not-a-jwt")) {
            HttpResponse<String> refused = send("POST", "/console/session", "{\"token\":\"" + token + "\"}",
                    "XSRF-TOKEN=" + xsrf, Map.of("X-XSRF-TOKEN", xsrf));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("token");
            assertThat(refused.body()).doesNotContain(token);
            assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("switchboard_session="));
        }
        assertThat(json.readTree(send("POST", "/console/session", "{\"token\":\"" + expired + "\"}",
                "XSRF-TOKEN=" + xsrf, Map.of("X-XSRF-TOKEN", xsrf)).body()).get("detail").asString())
                .contains("expired");

        for (String junk : List.of("{", "[1,2]", "{\"token\": 42}", "{\"token\": \"\"}", "null")) {
            HttpResponse<String> bad = send("POST", "/console/session", junk, "XSRF-TOKEN=" + xsrf,
                    Map.of("X-XSRF-TOKEN", xsrf));
            assertThat(bad.statusCode()).as(junk).isIn(400, 401);
            assertThat(bad.headers().firstValue("Content-Type")).as(junk).hasValue("application/problem+json");
            assertThat(bad.body()).as(junk).doesNotContain("Exception");
        }

        // a foreign page can make the browser post, but cannot read the XSRF cookie to echo it
        String good = TestTokens.mint(KEY, "alice", "user");
        HttpResponse<String> forged = send("POST", "/console/session", "{\"token\":\"" + good + "\"}",
                "XSRF-TOKEN=" + xsrf, Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("X-XSRF-TOKEN");
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("switchboard_session="));
    }

    @Test
    void theCookieReachesServicesAsTheirAuthorizationHeaderAndChangesNeedTheCsrfToken() throws Exception {
        String token = TestTokens.mint(KEY, "alice", "user");
        String xsrf = xsrfFromLoginPage();
        String cookies = "switchboard_session=" + token + "; XSRF-TOKEN=" + xsrf;

        HttpResponse<String> list = send("GET", "/api/v1/connectors", null, cookies, Map.of());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("authorization")).isEqualTo("Bearer " + token);
        assertThat(SEEN.get("cookie")).isEqualTo("null");

        HttpResponse<String> forged = send("POST", "/api/v1/connectors", "{}", cookies, Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(forged.body()).get("type").asString()).endsWith("/csrf");
        HttpResponse<String> wrongToken = send("POST", "/api/v1/connectors", "{}", cookies,
                Map.of("X-XSRF-TOKEN", "guessed"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        SEEN.remove("method");
        HttpResponse<String> allowed = send("POST", "/api/v1/connectors", "{}", cookies, Map.of("X-XSRF-TOKEN", xsrf));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("method")).isEqualTo("POST");

        // API clients with their own header are not console sessions: no CSRF token asked of them
        HttpResponse<String> bearer = send("POST", "/api/v1/connectors", "{}", "XSRF-TOKEN=" + xsrf,
                Map.of("Authorization", "Bearer " + token));
        assertThat(bearer.statusCode()).isEqualTo(200);

        String expired = TestTokens.mint(KEY, "alice", "user", Instant.now().minusSeconds(60));
        assertThat(send("GET", "/api/v1/connectors", null, "switchboard_session=" + expired, Map.of()).statusCode())
                .isEqualTo(401);
        // any Authorization header means the cookie does not count: CSRF and authentication agree on it
        assertThat(send("POST", "/api/v1/connectors", "{}", cookies, Map.of("Authorization", "Basic YTpi"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionLastsAWorkingDayAtMostAndIsSecureBehindATlsProxy() throws Exception {
        String xsrf = xsrfFromLoginPage();
        String longLived = TestTokens.mint(KEY, "alice", "user", Instant.now().plusSeconds(30 * 24 * 3600));

        HttpResponse<String> signIn = send("POST", "/console/session", "{\"token\":\"" + longLived + "\"}",
                "XSRF-TOKEN=" + xsrf, Map.of("X-XSRF-TOKEN", xsrf, "X-Forwarded-Proto", "https"));

        assertThat(signIn.statusCode()).isEqualTo(204);
        String cookie = setCookie(signIn, "switchboard_session");
        assertThat(cookie).contains("Max-Age=43200", "Secure");
        HttpResponse<String> proxiedLogin = send("GET", "/login", null, null, Map.of("X-Forwarded-Proto", "https"));
        assertThat(setCookie(proxiedLogin, "XSRF-TOKEN")).contains("Secure");
        assertThat(setCookie(send("GET", "/login", null, null, Map.of()), "XSRF-TOKEN")).doesNotContain("Secure");
    }

    @Test
    void pagesNeedASessionAndAdminPagesTheAdminRoleCheckedOnTheServer() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/runs?status=failed", null, null, Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=/runs?status%3Dfailed");

        String expired = TestTokens.mint(KEY, "alice", "user", Instant.now().minusSeconds(60));
        HttpResponse<String> stale = send("GET", "/runs", null, "switchboard_session=" + expired, Map.of());
        assertThat(stale.statusCode()).isEqualTo(303);
        assertThat(setCookie(stale, "switchboard_session")).contains("Max-Age=0");

        String user = "switchboard_session=" + TestTokens.mint(KEY, "alice", "user");
        for (String page : List.of("/", "/runs", "/runs/r-1", "/connectors/acme/crm", "/tools/t1", "/secrets")) {
            HttpResponse<String> shown = send("GET", page, null, user, Map.of());
            assertThat(shown.statusCode()).as(page).isEqualTo(200);
            assertThat(shown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(shown.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'", "frame-ancestors 'none'");
            assertThat(shown.body()).contains("/console/js/app.js");
        }
        HttpResponse<String> ops = send("GET", "/ops", null, user, Map.of());
        assertThat(ops.statusCode()).isEqualTo(403);
        assertThat(ops.body()).contains("for administrators").doesNotContain("/console/js/app.js");

        String admin = "switchboard_session=" + TestTokens.mint(KEY, "root", "admin");
        assertThat(send("GET", "/ops", null, admin, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/login", null, null, Map.of()).statusCode()).isEqualTo(200);
        // no OpenID Connect provider configured (as in the standalone): a pasted token is the way in
        HttpResponse<String> options = send("GET", "/console/login-options", null, null, Map.of());
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.body()).isEqualTo("{\"token\":true,\"providers\":[]}");
        assertThat(send("GET", "/oauth2/authorization/sso", null, null, Map.of()).statusCode()).isNotEqualTo(302);

        HttpResponse<String> script = send("GET", "/console/js/app.js", null, null, Map.of());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(send("GET", "/console/js/nothing-here.js", null, null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/../application.yml", null, null, Map.of()).statusCode()).isNotEqualTo(200);
    }

    @Test
    void liveEventsReachTheRunsRequesterAndAdminsOnly() throws Exception {
        Queue<String> alices = listen(TestTokens.mint(KEY, "alice", "user"));
        Queue<String> admins = listen(TestTokens.mint(KEY, "root", "admin"));
        assertThat(send("GET", "/console/events", null, null, Map.of()).statusCode()).isEqualTo(401);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString()), new StringSerializer(),
                new StringSerializer())) {
            // the feed reads from the end once it has its partitions: send until the first one is seen
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                producer.send(new ProducerRecord<>(Topics.RUNS_REQUESTED, "warm",
                        "{\"runId\":\"warm\",\"toolId\":\"t\",\"trigger\":{\"userId\":\"root\"}}")).get();
                return admins.stream().anyMatch(line -> line.contains("\"warm\""));
            });
            producer.send(new ProducerRecord<>(Topics.RUNS_REQUESTED, "a1",
                    "{\"runId\":\"a1\",\"toolId\":\"sync\",\"trigger\":{\"userId\":\"alice\"},\"inputs\":{\"x\":1}}"));
            producer.send(new ProducerRecord<>(Topics.RUNS_REQUESTED, "b1",
                    "{\"runId\":\"b1\",\"toolId\":\"sync\",\"trigger\":{\"userId\":\"bob\"}}"));
            producer.send(new ProducerRecord<>(Topics.STEPS_COMPLETED, "a1",
                    "{\"runId\":\"a1\",\"stepId\":\"fetch\",\"itemIndex\":2,\"success\":true,\"data\":{\"secret\":1}}"));
            producer.send(new ProducerRecord<>(Topics.STEPS_COMPLETED, "b1",
                    "{\"runId\":\"b1\",\"stepId\":\"fetch\",\"itemIndex\":0,\"success\":false}"));
            // a run requested before this page listened: the step names its requester itself
            producer.send(new ProducerRecord<>(Topics.STEPS_COMPLETED, "c1",
                    "{\"runId\":\"c1\",\"stepId\":\"load\",\"itemIndex\":0,\"success\":true,\"userId\":\"alice\"}"));
            producer.send(new ProducerRecord<>(Topics.RUNS_FINISHED, "b1",
                    "{\"runId\":\"b1\",\"toolId\":\"sync\",\"status\":\"FAILED\",\"trigger\":{\"userId\":\"bob\"}}"));
            producer.send(new ProducerRecord<>(Topics.RUNS_FINISHED, "a1",
                    "{\"runId\":\"a1\",\"toolId\":\"sync\",\"status\":\"SUCCESS\",\"trigger\":{\"userId\":\"alice\"}}"));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> dataLines(admins).anyMatch(l -> l.contains("\"a1\"")
                && l.contains("success\"") && l.contains("\"status\"")));
        await().atMost(Duration.ofSeconds(20)).until(() -> dataLines(alices).anyMatch(l -> l.contains("\"success\"")
                && l.contains("\"status\"")));
        await().atMost(Duration.ofSeconds(20)).until(() -> dataLines(alices).anyMatch(l -> l.contains("\"c1\"")));
        List<String> alice = dataLines(alices).toList();
        assertThat(alice).hasSize(4).containsSubsequence(
                "data:{\"type\":\"run\",\"runId\":\"a1\",\"toolId\":\"sync\",\"status\":\"running\"}",
                "data:{\"type\":\"step\",\"runId\":\"a1\",\"stepId\":\"fetch\",\"itemIndex\":2,\"success\":true}",
                "data:{\"type\":\"run\",\"runId\":\"a1\",\"toolId\":\"sync\",\"status\":\"success\"}")
                .contains("data:{\"type\":\"step\",\"runId\":\"c1\",\"stepId\":\"load\",\"itemIndex\":0,\"success\":true}");
        assertThat(alices).contains("event:run", "event:step");
        assertThat(dataLines(admins).filter(l -> l.contains("\"b1\""))).hasSize(3);
        assertThat(String.join("\n", admins)).doesNotContain("userId", "inputs", "secret");
    }

    private Queue<String> listen(String token) {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/events"))
                .header("Cookie", "switchboard_session=" + token).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":open"));
        return lines;
    }

    private static Stream<String> dataLines(Queue<String> lines) {
        return lines.stream().filter(line -> line.startsWith("data:") && !line.contains("\"warm\""));
    }

    private String xsrfFromLoginPage() throws Exception {
        HttpResponse<String> login = send("GET", "/login", null, null, Map.of());
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = setCookie(login, "XSRF-TOKEN");
        assertThat(cookie).doesNotContainIgnoringCase("HttpOnly");
        return cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';'));
    }

    private static String setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }

    private HttpResponse<String> send(String method, String path, String body, String cookies,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer registry() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/connectors", exchange -> {
                SEEN.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                SEEN.put("cookie", String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")));
                SEEN.put("method", exchange.getRequestMethod());
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = "{\"data\":[],\"page\":1,\"limit\":20,\"total\":0,\"hasMore\":false}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.RUNS_REQUESTED,
                Topics.STEPS_COMPLETED, Topics.RUNS_FINISHED);
        broker.afterPropertiesSet();
        return broker;
    }
}
