package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.standalone.ResponseCheck.Finding;
import dev.switchboard.standalone.ResponseCheck.Violation;
import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestTokens;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10 item 3, the bad-input sweep: at least 10,000 malformed requests (more with
 * {@code -Dfuzz.requests=}) through the gateway, with a valid token unless the token is what is
 * broken, over every public endpoint. Every answer must be below 500, leak no stack trace or
 * class name, and be problem+json when it is a 4xx; afterwards the store holds exactly what the
 * requests that were accepted made. A failing request is shrunk and printed with the seed that
 * replays it ({@code -Dfuzz.seed=}). See docs/testing.md.
 */
class PublicApiFuzzIT {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final int CONCURRENCY = Integer.getInteger("fuzz.concurrency", 4);
    private static final int SHOWN_FINDINGS = 15;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TargetApi target;
    private static ApiClient api;
    private static String admin;
    private static FuzzMutator mutator;
    private static Map<String, Set<String>> before;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        SharedStandalone shared = SharedStandalone.get();
        api = new ApiClient(shared.port());
        target = new TargetApi();
        admin = SwitchboardCommand.token(new TokenOptions("fuzz-admin", List.of("admin"), shared.dataDir,
                Duration.ofMinutes(30)));
        String user = SwitchboardCommand.token(new TokenOptions("fuzz-user", List.of("user"), shared.dataDir,
                Duration.ofMinutes(30)));
        byte[] key = JwtSigningKey.loadOrCreate(DataDirectory.prepare(shared.dataDir).jwtKey());
        String expired = TestTokens.mint(key, "fuzz-admin", "admin", Instant.now().minusSeconds(120));
        String foreign = TestTokens.mint(TestTokens.randomKey(), "fuzz-admin", "admin");
        String noRole = TestTokens.mint(key, "fuzz-nobody", "guest");
        created(post("/api/v1/connectors", """
                {"namespace": "fuzz", "name": "target", "type": "http", "baseUrl": "%s",
                 "operations": [{"name": "get_item", "method": "GET", "path": "/items/{id}",
                   "parameters": {"type": "object", "required": ["id"],
                                  "properties": {"id": {"type": "integer", "in": "path"}}}},
                   {"name": "list_items", "method": "GET", "path": "/items"}]}""".formatted(target.baseUrl())));
        created(post("/api/v1/tools", """
                {"id": "fuzz-tool", "inputSchema": {"type": "object", "required": ["id"],
                   "properties": {"id": {"type": "integer"}}},
                 "steps": [{"id": "one", "connector": "fuzz/target", "operation": "get_item",
                            "parameters": {"id": "<<id>>"}}]}"""));
        created(post("/api/v1/tools", """
                {"id": "fuzz-approval", "steps": [{"id": "approve", "type": "approval", "message": "ok?",
                   "timeoutMs": 600000}]}"""));
        created(post("/api/v1/agents", """
                {"namespace": "fuzz", "name": "agent", "variables": {"who": "fuzz"},
                 "enabledConnectors": [{"connector": "fuzz/target"}]}"""));
        created(post("/api/v1/secrets", """
                {"name": "fuzz_secret", "scope": "shared", "value": "fuzz-secret-value"}"""));
        HttpResponse<String> finished = post("/api/v1/tools/fuzz-tool/run", "{\"inputs\": {\"id\": 2}}");
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
        HttpResponse<String> waiting = post("/api/v1/tools/fuzz-approval/run", "{\"options\": {\"async\": true}}");
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        Map<String, String> fixture = Map.of("cns", "fuzz", "cname", "target", "ans", "fuzz", "aname", "agent",
                "tool", "fuzz-tool", "op", "get_item", "secret", "fuzz_secret",
                "run", JSON.readTree(random(finished, waiting)).get("runId").asString());
        mutator = new FuzzMutator(fixture, admin, List.of(user, expired, foreign, noRole));
        before = inventory();
    }

    @AfterAll
    static void stop() {
        // the standalone is shared (SharedStandalone): it stops when the test JVM does
        if (target != null) {
            target.close();
        }
    }

    @Test
    void noMalformedRequestGetsA5xxALeakOrAnAnswerThatIsNotProblemJson() throws Exception {
        ConcurrentLinkedQueue<Failed> findings = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> byEndpoint = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        AtomicInteger unsendable = new AtomicInteger();
        ConcurrentLinkedQueue<Timed> slowest = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY)) {
            for (int i = 0; i < REQUESTS; i++) {
                int index = i;
                workers.submit(() -> {
                    FuzzRequest request = requestNumber(index);
                    byEndpoint.computeIfAbsent(request.endpoint(), e -> new AtomicInteger()).incrementAndGet();
                    long sentAt = System.nanoTime();
                    Sent sent = send(request);
                    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
                    slowest.add(new Timed(tookMs, request.endpoint() + " | " + FuzzMutator.shorten(request.mutation())));
                    if (sent == null) {
                        unsendable.incrementAndGet();
                        return;
                    }
                    if (sent.response() != null) {
                        byStatus.computeIfAbsent(sent.response().statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        remember(request, sent.response());
                    }
                    ResponseCheck.of(request, sent.response(), sent.failure())
                            .ifPresent(finding -> findings.add(new Failed(index, request, sent, finding)));
                });
            }
            workers.shutdown();
            assertThat(workers.awaitTermination(15, TimeUnit.MINUTES)).isTrue();
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("Bad-input sweep: %d requests (seed %d, %d at a time) in %.1f s, %.0f requests/s;"
                        + " %d not sendable by the JDK client; statuses %s%n", REQUESTS, SEED, CONCURRENCY,
                elapsedMs / 1000.0, REQUESTS * 1000.0 / Math.max(1, elapsedMs), unsendable.get(), new TreeMap<>(
                        byStatus));
        new TreeMap<>(byEndpoint).forEach((endpoint, count) -> System.out.printf("  %6d  %s%n", count.get(),
                endpoint));
        System.out.println("Slowest requests:");
        slowest.stream().sorted(java.util.Comparator.comparingLong(Timed::ms).reversed()).limit(12)
                .forEach(timed -> System.out.printf("  %6d ms  %s%n", timed.ms(), timed.what()));

        assertThat(report(findings)).as("findings of the bad-input sweep").isEmpty();
        // the harness itself: every endpoint was reached, and most requests were actually refused
        assertThat(FuzzCorpus.SELECTED).as("endpoints matching -Dfuzz.endpoints").isNotEmpty();
        assertThat(byEndpoint.keySet()).containsAll(FuzzCorpus.SELECTED.stream()
                .map(e -> e.method() + " " + e.path()).toList());
        int refused = byStatus.entrySet().stream().filter(e -> e.getKey() >= 400).mapToInt(e -> e.getValue().get())
                .sum();
        assertThat(refused).isGreaterThan(REQUESTS / 2);
        assertNothingHalfStored();
    }

    /** The store after the sweep: what was there, plus what was acknowledged, minus what was deleted. */
    private void assertNothingHalfStored() {
        Map<String, Set<String>> after = inventory();
        List<String> problems = new ArrayList<>();
        after.forEach((kind, refs) -> refs.stream()
                .filter(ref -> !before.get(kind).contains(ref) && !acknowledged.contains(ref))
                .forEach(ref -> problems.add("stored though every request for it was refused: " + ref)));
        before.forEach((kind, refs) -> refs.stream()
                .filter(ref -> !after.get(kind).contains(ref) && !deleted.contains(ref))
                .forEach(ref -> problems.add("gone though no delete of it was acknowledged: " + ref)));
        assertThat(problems).as("the store after the sweep").isEmpty();
        assertThat(api.get("/api/v1/connectors/fuzz/target", admin).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/tools/fuzz-tool", admin).statusCode()).isEqualTo(200);
    }

    private static FuzzRequest requestNumber(int index) {
        // its own generator per request: the same seed and index make the same request, whatever the threads did
        return mutator.next(new Random(SEED ^ (index * 0x9E3779B97F4A7C15L)));
    }

    record Sent(HttpResponse<String> response, String failure) {
    }

    record Timed(long ms, String what) {
    }

    /** null: the JDK client refuses to send it (e.g. a header with a line break): not the server's fault. */
    private static Sent send(FuzzRequest request) {
        try {
            return new Sent(api.send(request.method(), request.path(), request.token(), request.contentType(),
                    request.body(), request.headers()), null);
        } catch (UncheckedIOException e) {
            return new Sent(null, "no answer: " + e.getCause());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Violation replay(FuzzRequest request) {
        Sent sent = send(request);
        return sent == null ? null : ResponseCheck.of(request, sent.response(), sent.failure())
                .map(Finding::violation).orElse(null);
    }

    /** Notes what an accepted request made or deleted, for the store's account afterwards. */
    private void remember(FuzzRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 300 || request.method().equals("GET")) {
            return;
        }
        String path = request.path().contains("?") ? request.path().substring(0, request.path().indexOf('?'))
                : request.path();
        String[] parts = path.split("/");
        if (request.method().equals("DELETE") && parts.length >= 5) {
            String kind = kind(parts[3]);
            String ref = String.join("/", List.of(parts).subList(4, parts.length));
            // a secret is named with its scope: DELETE /secrets/{name}?scope=
            String scope = request.path().replaceFirst("^[^?]*\\??", "")
                    .replaceFirst("^(?:.*&)?scope=([^&]*).*$", "$1");
            deleted.add(kind + ":" + ref + (kind.equals("secret") ? ":" + scope : ""));
            return;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            for (JsonNode item : body.path("items")) {
                acknowledged.add(item.path("kind").asString() + ":" + item.path("ref").asString());
            }
            if (parts.length >= 4) {
                String kind = kind(parts[3]);
                if (body.hasNonNull("namespace") && body.hasNonNull("name")) {
                    acknowledged.add(kind + ":" + body.get("namespace").asString() + "/" + body.get("name").asString());
                } else if (body.hasNonNull("id")) {
                    acknowledged.add(kind + ":" + body.get("id").asString());
                } else if (body.hasNonNull("name") && body.hasNonNull("scope")) {
                    acknowledged.add(kind + ":" + body.get("name").asString() + ":" + body.get("scope").asString());
                }
            }
        } catch (RuntimeException notJson) {
            // runs, aborts and tool calls answer other shapes; they store nothing the account covers
        }
    }

    private static String kind(String collection) {
        return switch (collection) {
            case "connectors" -> "connector";
            case "tools" -> "tool";
            case "agents" -> "agent";
            case "secrets" -> "secret";
            default -> collection;
        };
    }

    /** Every connector, tool, agent and the admin's secrets, as {@code kind:ref}. */
    private static Map<String, Set<String>> inventory() {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        all.put("connector", list("/api/v1/connectors", item -> "connector:" + item.get("namespace").asString()
                + "/" + item.get("name").asString()));
        all.put("tool", list("/api/v1/tools", item -> "tool:" + item.get("id").asString()));
        all.put("agent", list("/api/v1/agents", item -> "agent:" + item.get("namespace").asString() + "/"
                + item.get("name").asString()));
        all.put("secret", list("/api/v1/secrets", item -> "secret:" + item.get("name").asString() + ":"
                + item.get("scope").asString()));
        return all;
    }

    private static Set<String> list(String path, java.util.function.Function<JsonNode, String> ref) {
        Set<String> refs = new HashSet<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> response = api.get(path + "?limit=100&page=" + page, admin);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            body.get("data").forEach(item -> refs.add(ref.apply(item)));
            if (!body.path("hasMore").asBoolean()) {
                return refs;
            }
        }
    }

    record Failed(int index, FuzzRequest request, Sent sent, Finding finding) {

        String group() {
            int status = sent.response() == null ? 0 : sent.response().statusCode();
            return finding.violation() + " " + status + " " + request.endpoint() + " " + request.mutation()
                    .replaceAll("[0-9]+", "N").replaceAll(" -> .*", "");
        }
    }

    /** One paragraph per kind of finding, its first request shrunk; empty when there is none. */
    private String report(ConcurrentLinkedQueue<Failed> findings) {
        if (findings.isEmpty()) {
            return "";
        }
        Map<String, List<Failed>> groups = findings.stream().sorted(java.util.Comparator.comparingInt(Failed::index))
                .collect(Collectors.groupingBy(Failed::group, LinkedHashMap::new, Collectors.toList()));
        FailingInputShrinker shrinker = new FailingInputShrinker(PublicApiFuzzIT::replay, 60);
        StringBuilder text = new StringBuilder(("%d of %d requests broke a rule, in %d kinds (seed %d; replay with "
                + "-Dfuzz.seed=%d -Dfuzz.requests=%d):%n").formatted(findings.size(), REQUESTS, groups.size(), SEED,
                SEED, REQUESTS));
        findings.stream().collect(Collectors.groupingBy(f -> f.finding().violation() + "  " + f.request().endpoint(),
                TreeMap::new, Collectors.counting())).forEach((kind, count) -> text.append("  %5d  %s%n"
                        .formatted(count, kind)));
        groups.values().stream().sorted(java.util.Comparator.comparing(group -> group.getFirst().finding().violation()))
                .limit(SHOWN_FINDINGS).forEach(group -> {
            Failed first = group.getFirst();
            FuzzRequest shrunk = shrinker.shrink(first.request(), first.finding().violation());
            Optional<HttpResponse<String>> answer = Optional.ofNullable(first.sent().response());
            text.append("%n[%s] x%d  %s  (request #%d: %s)%n".formatted(first.finding().violation(), group.size(),
                    first.request().endpoint(), first.index(), first.request().mutation()));
            text.append("  sent   %s %s  Content-Type: %s  headers: %s%n".formatted(shrunk.method(),
                    FuzzMutator.shorten(shrunk.path()), shrunk.contentType(), shrunk.headers().keySet()));
            if (shrunk.body() != null) {
                text.append("  body   (%d chars, shrunk from %d) %s%n".formatted(shrunk.body().length(),
                        first.request().body().length(), excerpt(shrunk.body())));
            }
            text.append("  got    %s  %s%n  %s%n".formatted(answer.map(r -> String.valueOf(r.statusCode()))
                    .orElse("nothing"), answer.flatMap(r -> r.headers().firstValue("Content-Type")).orElse(""),
                    first.finding().detail()));
            answer.ifPresent(r -> text.append("  answer %s%n".formatted(excerpt(r.body()))));
        });
        return text.toString();
    }

    private static String excerpt(String text) {
        String flat = text.replace("\n", "\\n").replace("\u0000", "\\0");
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "…";
    }

    private static String random(HttpResponse<String> first, HttpResponse<String> second) {
        // half the sweeps work on a finished run, half on one awaiting approval
        return (SEED & 1) == 0 ? first.body() : second.body();
    }

    private static HttpResponse<String> post(String path, String json) {
        return api.post(path, admin, json);
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
