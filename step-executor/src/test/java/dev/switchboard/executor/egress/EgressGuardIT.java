package dev.switchboard.executor.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.executor.egress.RedirectFollower.Hop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The guard on a real WebClient and real sockets. Every local server is loopback, so the policy
 * here allows exactly 127.0.0.1 (as {@code allowed-addresses} would an on-premises API) and the
 * "internal" server listens on 127.0.0.2, on the same port: reaching it means the guard failed.
 */
class EgressGuardIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> PUBLIC_SEEN = new CopyOnWriteArrayList<>();
    private static final List<String> INTERNAL_SEEN = new CopyOnWriteArrayList<>();
    private static final List<String> INTERNAL_AUTHORIZATION = new CopyOnWriteArrayList<>();
    private static final HttpServer PUBLIC = server("127.0.0.1", 0, PUBLIC_SEEN);
    private static final int PORT = PUBLIC.getAddress().getPort();
    private static final HttpServer INTERNAL = server("127.0.0.2", PORT, INTERNAL_SEEN);
    private static final String ALLOWED = "http://127.0.0.1:" + PORT;
    private static final String INTERNAL_URL = "http://127.0.0.2:" + PORT;

    private final FakeDns dns = new FakeDns().answer("api.test", "127.0.0.1");
    private final EgressPolicy policy = new EgressPolicy(
            new EgressProperties(false, false, List.of("127.0.0.1")), dns);

    @BeforeEach
    void clear() {
        PUBLIC_SEEN.clear();
        INTERNAL_SEEN.clear();
        INTERNAL_AUTHORIZATION.clear();
    }

    @AfterAll
    static void stop() {
        PUBLIC.stop(0);
        INTERNAL.stop(0);
    }

    @Test
    void aRedirectFromAnAllowedServerToAnInternalAddressIsRefused() {
        Throwable failure = catchThrowable(() -> follow(policy, ALLOWED + "/to-internal"));

        assertThat(EgressException.findIn(failure)).hasValueSatisfying(refused -> {
            assertThat(refused.code()).isEqualTo("EGRESS_DENIED");
            assertThat(refused.getMessage()).contains("127.0.0.2").doesNotContain("s3cr3t");
        });
        assertThat(PUBLIC_SEEN).containsExactly("/to-internal");
        assertThat(INTERNAL_SEEN).isEmpty();
    }

    @Test
    void redirectsBetweenAllowedAddressesAreFollowed() {
        ResponseEntity<String> response = follow(policy, "http://api.test:" + PORT + "/hop");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("landed");
        assertThat(PUBLIC_SEEN).containsExactly("/hop", "/landing");
    }

    @Test
    void theGuardedClientLeavesRedirectsToTheFollowerEvenIfTheBaseClientFollowedThem() {
        WebClient client = webClient(policy.guard(HttpClient.create().followRedirect(true)));

        ResponseEntity<String> response = client.get().uri(URI.create(INTERNAL_URL.replace("127.0.0.2", "127.0.0.1")
                + "/to-internal")).exchangeToMono(r -> r.toEntity(String.class)).block(WAIT);

        assertThat(response.getStatusCode().value()).isEqualTo(302);
        assertThat(INTERNAL_SEEN).isEmpty();
    }

    @Test
    void anIpLiteralIsRefusedAtConnectEvenWhenNobodyCheckedTheUrl() {
        Throwable failure = catchThrowable(() -> webClient(policy.guard(HttpClient.create())).get()
                .uri(URI.create(INTERNAL_URL + "/direct")).retrieve().toBodilessEntity().block(WAIT));

        assertThat(EgressException.findIn(failure)).map(EgressException::code).hasValue("EGRESS_DENIED");
        assertThat(INTERNAL_SEEN).isEmpty();
    }

    @Test
    void aNameThatRebindsAfterTheCheckIsRefusedAtConnect() {
        dns.answer("rebind.test", "127.0.0.1").answer("rebind.test", "127.0.0.2");
        URI uri = URI.create("http://rebind.test:" + PORT + "/rebound");

        policy.check(uri); // the first answer is allowed; the connect asks again and gets 127.0.0.2
        Throwable failure = catchThrowable(() -> webClient(policy.guard(HttpClient.create())).get().uri(uri)
                .retrieve().toBodilessEntity().block(WAIT));

        assertThat(EgressException.findIn(failure)).map(EgressException::code).hasValue("EGRESS_DENIED");
        assertThat(dns.lookups).hasValue(2);
        assertThat(INTERNAL_SEEN).isEmpty();
        assertThat(PUBLIC_SEEN).isEmpty();
    }

    @Test
    void aNameWithAnyInternalAddressIsRefusedAtConnectThoughItsFirstIsAllowed() {
        // the socket would go to the first, allowed, address: only the resolver sees the second
        dns.answer("mixed.test", "127.0.0.1", "127.0.0.2");

        Throwable failure = catchThrowable(() -> webClient(policy.guard(HttpClient.create())).get()
                .uri(URI.create("http://mixed.test:" + PORT + "/landing")).retrieve().toBodilessEntity().block(WAIT));

        assertThat(EgressException.findIn(failure)).map(EgressException::getMessage)
                .hasValueSatisfying(message -> assertThat(message).contains("'mixed.test' resolves to a loopback"));
        assertThat(PUBLIC_SEEN).isEmpty();
        assertThat(INTERNAL_SEEN).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveFailsCleanly() {
        EgressPolicy systemDns = new EgressPolicy(new EgressProperties(false, false, List.of()));

        Throwable failure = catchThrowable(() -> webClient(systemDns.guard(HttpClient.create())).get()
                .uri(URI.create("https://api.payments-partner.invalid/v1/charges")).retrieve().toBodilessEntity()
                .block(WAIT));

        assertThat(EgressException.findIn(failure)).map(EgressException::code).hasValue("HOST_NOT_FOUND");
    }

    @Test
    void withPrivateEgressOnLoopbackCallsWorkAndCredentialsStayWithTheirOrigin() {
        EgressPolicy standalone = new EgressPolicy(new EgressProperties(true, false, List.of()));

        ResponseEntity<String> response = follow(standalone, "http://localhost:" + PORT + "/to-internal");

        assertThat(response.getBody()).isEqualTo("internal");
        assertThat(PUBLIC_SEEN).containsExactly("/to-internal");
        assertThat(INTERNAL_SEEN).containsExactly("/secret?token=s3cr3t");
        assertThat(INTERNAL_AUTHORIZATION).containsExactly("none");
    }

    @Test
    void metadataStaysRefusedAtConnectWithPrivateEgressOn() {
        EgressPolicy standalone = new EgressPolicy(new EgressProperties(true, false, List.of()));

        // refused before the SYN: a real attempt here would hang on an unroutable address or fail otherwise
        Throwable failure = catchThrowable(() -> webClient(standalone.guard(HttpClient.create())).get()
                .uri(URI.create("http://169.254.169.254/latest/meta-data/")).retrieve().toBodilessEntity()
                .block(WAIT));

        assertThat(EgressException.findIn(failure)).map(EgressException::code).hasValue("EGRESS_DENIED");
    }

    /** What the lead's HttpStepCaller does per hop: credentials only to the first origin. */
    private static ResponseEntity<String> follow(EgressPolicy policy, String url) {
        WebClient client = webClient(policy.guard(HttpClient.create()));
        return new RedirectFollower(policy).follow(HttpMethod.GET, URI.create(url), (Hop hop) -> client
                .method(hop.method()).uri(hop.uri())
                .headers(h -> {
                    if (hop.sameOrigin()) {
                        h.setBearerAuth("step-token");
                    }
                })
                .exchangeToMono(r -> r.toEntity(String.class))).timeout(WAIT).block();
    }

    private static WebClient webClient(HttpClient http) {
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    private static HttpServer server(String address, int port, List<String> seen) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            server.createContext("/", exchange -> answer(exchange, address, seen));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + address + ":" + port, e);
        }
    }

    private static void answer(HttpExchange exchange, String address, List<String> seen) throws IOException {
        String target = exchange.getRequestURI().toString();
        seen.add(target);
        if (address.equals("127.0.0.2")) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            INTERNAL_AUTHORIZATION.add(authorization == null ? "none" : authorization);
            send(exchange, 200, "internal");
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/to-internal" -> {
                exchange.getResponseHeaders().set("Location", "http://127.0.0.2:" + PORT + "/secret?token=s3cr3t");
                send(exchange, 302, "");
            }
            case "/hop" -> {
                exchange.getResponseHeaders().set("Location", "/landing");
                send(exchange, 301, "");
            }
            case "/landing" -> send(exchange, 200, "landed");
            default -> send(exchange, 404, "no such page");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
