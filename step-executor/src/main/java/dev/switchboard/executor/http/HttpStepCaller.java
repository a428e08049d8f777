package dev.switchboard.executor.http;

import dev.switchboard.executor.call.StepOutcome;
import dev.switchboard.executor.call.SecretPlaceholders;
import dev.switchboard.executor.call.CallAuthException;
import dev.switchboard.executor.call.ProtocolCaller;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.CallResponse;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.executor.secret.SecretResolutionException;
import dev.switchboard.executor.egress.EgressException;
import dev.switchboard.executor.egress.EgressPolicy;
import dev.switchboard.executor.egress.RedirectFollower;
import dev.switchboard.executor.pagination.FetchFailure;
import dev.switchboard.executor.resilience.AttemptVerdict;
import dev.switchboard.executor.resilience.Attempts;
import dev.switchboard.executor.resilience.ConnectorResilience;
import dev.switchboard.executor.resilience.ResilienceRejection;
import dev.switchboard.executor.pagination.PageResponse;
import dev.switchboard.executor.pagination.PageTemplate;
import dev.switchboard.executor.pagination.PagedOutcome;
import dev.switchboard.executor.pagination.Paginator;
import dev.switchboard.executor.secret.SecretResolver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Makes one HTTP step call (ARCHITECTURE §5): the connector's base URL, default headers, auth and
 * timeout around the rendered request; {@code {{secret:NAME}}} filled at call time; an
 * {@code Idempotency-Key} of {@code runId:stepId:itemIndex} so a repeated delivery can be
 * recognised. Non-2xx is a failed step with the status and a bounded, masked excerpt of the body.
 * Auth is the connector's ({@link ConnectorAuth}); an OAuth token refused with 401 is replaced once.
 */
@Component
public class HttpStepCaller implements ProtocolCaller {

    @Override
    public StepKind kind() {
        return StepKind.HTTP;
    }


    static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
    private static final int EXCERPT_CHARS = 512;


    /**
     * Connections per API host: enough for every call a bulkhead lets through at once (reactor's
     * shared default, 16 per host with 32 waiting, refuses the 49th concurrent call to one API);
     * the bulkhead, not the pool, bounds how many wait.
     */
    private static final ConnectionProvider CONNECTIONS = ConnectionProvider.builder("step-calls")
            .maxConnections(1024).pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofSeconds(30))
            .maxIdleTime(Duration.ofSeconds(30)).build();

    private final WebClient http;
    private final SecretResolver secrets;
    private final OAuthTokens tokens;
    private final Paginator paginator;
    private final RedirectFollower redirects;
    private final ConnectorResilience resilience;
    private final JsonMapper json;

    HttpStepCaller(WebClient.Builder builder, SecretResolver secrets, OAuthTokens tokens, Paginator paginator,
            EgressPolicy egress, RedirectFollower redirects, ConnectorResilience resilience, JsonMapper json) {
        // every address dialled is checked (DNS rebinding cannot slip past), redirects are followed
        // by hand so that every hop is checked too (ADR 010)
        this.http = builder.clientConnector(new ReactorClientHttpConnector(egress.guard(HttpClient.create(CONNECTIONS))))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES)).build();
        this.redirects = redirects;
        this.resilience = resilience;
        this.secrets = secrets;
        this.tokens = tokens;
        this.paginator = paginator;
        this.json = json;
    }

    /**
     * {@code connector} is the registry snapshot of {@code request.connector()}, if the step names
     * one; {@code credentials} the run's own, opened from the request's sealed credentials.
     */
    @Override
    public StepOutcome call(StepRequested step, Optional<JsonNode> connector, Map<String, String> credentials) {
        StepRequest request = step.request();
        SecretPlaceholders placeholders = new SecretPlaceholders(secrets, step.userId(), credentials);
        ConnectorAuth auth = new ConnectorAuth(connector, placeholders, credentials, tokens);
        try {
            Map<String, List<String>> repeatedQuery = new LinkedHashMap<>();
            if (request.repeatedQuery() != null) {
                request.repeatedQuery().forEach((name, values) ->
                        repeatedQuery.put(name, values.stream().map(placeholders::fill).toList()));
            }
            Call call = new Call(step, connector, placeholders, auth, repeatedQuery, new AtomicInteger());
            String key = step.runId() + ":" + step.stepId() + ":" + step.itemIndex();
            if (Paginator.isPaginated(request.pagination())) {
                return paginated(call, request, key);
            }
            Map<String, String> headers = filled(request.headers(), placeholders);
            Map<String, String> query = filled(request.query(), placeholders);
            String body = request.body() == null || request.body().isNull() ? null
                    : request.body().isString() ? placeholders.fill(request.body().asString())
                            : placeholders.fillJson(json.writeValueAsString(request.body()));
            return outcome(send(call, request.method(), base(request, connector, placeholders), query, headers, body,
                    key), placeholders).withRetries(call.retries().get());
        } catch (SecretResolutionException e) {
            return StepOutcome.failed(e.code(), e.getMessage(), null, 0);
        } catch (CallAuthException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), e.httpStatus(), 0);
        } catch (IllegalArgumentException e) {
            return StepOutcome.failed("INVALID_REQUEST", placeholders.mask(String.valueOf(e.getMessage())), null, 0);
        }
    }

    /**
     * Pages through the step (ARCHITECTURE §5). Secrets are filled into the template once, before
     * paging, so a value an API returns (a cursor, a next link) is never searched for placeholders.
     * A next link to another origin is refused: it would carry the connector's credentials there.
     */
    private StepOutcome paginated(Call call, StepRequest request, String key) {
        SecretPlaceholders placeholders = call.placeholders();
        Map<String, String> query = filled(request.query(), placeholders);
        Map<String, String> headers = filled(request.headers(), placeholders);
        JsonNode body = request.body() == null || request.body().isNull() ? null
                : json.readTree(placeholders.fillJson(json.writeValueAsString(request.body())));
        String base = base(request, call.connector(), placeholders);
        PageTemplate template = new PageTemplate(base, null, query, headers, body);
        // the template may still hold <<page>> and the like, which java.net.URI refuses
        UriComponents origin = UriComponentsBuilder.fromUriString(base).build();
        int[] page = {0};
        String[] previous = {base};
        PagedOutcome paged = paginator.paginate(request.pagination(), template, pageRequest -> {
            page[0]++;
            String pageKey = page[0] == 1 ? key : key + ":page-" + page[0];
            String target = pageRequest.url();
            Map<String, String> pageQuery = pageRequest.query();
            Call pageCall = call;
            if (pageRequest.followsLink()) {
                URI next = URI.create(previous[0]).resolve(pageRequest.link());
                if (!sameOrigin(origin, next)) {
                    return new FetchFailure(new StepError("INVALID_PAGINATION", "the next-page link points to "
                            + next.getScheme() + "://" + next.getAuthority() + ", not to the connector's origin", null));
                }
                target = next.toString();
                // the link carries the whole query
                pageQuery = Map.of();
                pageCall = new Call(call.step(), call.connector(), placeholders, call.auth(), Map.of(), call.retries());
            }
            previous[0] = target;
            Answer answer = send(pageCall, request.method(), target, pageQuery, new LinkedHashMap<>(pageRequest.headers()),
                    pageRequest.body() == null ? null : json.writeValueAsString(pageRequest.body()), pageKey);
            if (answer.failure() != null) {
                return new FetchFailure(answer.failure().error());
            }
            StepOutcome single = outcome(answer, placeholders);
            if (!single.success()) {
                return new FetchFailure(single.error());
            }
            Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
            answer.headers().forEach(answerHeaders::put);
            return new PageResponse(answer.status(), answerHeaders, single.data(), answer.bytes().length);
        }, MAX_RESPONSE_BYTES);
        return new StepOutcome(paged.success(), paged.data(), paged.error() == null ? null
                : new StepError(paged.error().code(), placeholders.mask(paged.error().message()),
                        paged.error().httpStatus()), paged.calls()).withRetries(call.retries().get());
    }

    private static boolean sameOrigin(UriComponents origin, URI next) {
        return String.valueOf(origin.getScheme()).equalsIgnoreCase(String.valueOf(next.getScheme()))
                && String.valueOf(origin.getHost()).equalsIgnoreCase(String.valueOf(next.getHost()))
                && origin.getPort() == next.getPort();
    }

    /**
     * One request with the connector's headers and auth; an OAuth token refused with 401 is
     * replaced and the request made once more.
     */
    private Answer send(Call call, String method, String base, Map<String, String> query,
            Map<String, String> requestHeaders, String body, String idempotencyKey) {
        Answer answer = resilient(call, () -> sendOnce(call, method, base, query, requestHeaders, body, idempotencyKey));
        if (answer.failure() == null && answer.status() == 401 && call.auth().refreshAfterUnauthorized()) {
            Answer again = resilient(call, () -> sendOnce(call, method, base, query, requestHeaders, body,
                    idempotencyKey));
            return again.withRequests(answer.requests() + again.requests());
        }
        return answer;
    }

    /**
     * One request under the connector's retry, circuit breaker, rate limit and bulkhead (same
     * Idempotency-Key on every attempt); retries are counted for the step's {@code attempts}.
     */
    private Answer resilient(Call call, java.util.function.Supplier<Answer> attempt) {
        StepRequested step = call.step();
        try {
            Attempts<Answer> done = resilience.call(step.request().connector(), call.connector().orElse(null),
                    step.deadline(), attempt, HttpStepCaller::verdict);
            call.retries().addAndGet(done.attempts() - 1);
            return done.last().withRequests(done.attempts() > 1 ? done.attempts() : done.last().requests());
        } catch (ResilienceRejection e) {
            return Answer.none(StepOutcome.failed(e.code(), e.getMessage(), null, 0));
        }
    }

    private static AttemptVerdict verdict(Answer answer) {
        if (answer.failure() == null) {
            return AttemptVerdict.of(answer.status(), Optional.ofNullable(answer.headers().getFirst("Retry-After")));
        }
        return switch (answer.failure().error().code()) {
            case "CONNECTION_FAILED" -> AttemptVerdict.connectError();
            case "TIMEOUT" -> AttemptVerdict.timeout();
            default -> AttemptVerdict.notRetryable();
        };
    }

    private Answer sendOnce(Call call, String method, String base, Map<String, String> query,
            Map<String, String> requestHeaders, String body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        call.connector().ifPresent(c -> c.path("headers").properties().forEach(e ->
                headers.put(e.getKey(), call.placeholders().fill(e.getValue().asString()))));
        headers.putAll(requestHeaders);
        Map<String, String> authQuery = new LinkedHashMap<>();
        Set<String> plain = new HashSet<>(headers.keySet());
        Duration timeout = resilience.attemptTimeout(call.step().request().connector(), call.connector().orElse(null),
                call.step().deadline());
        call.auth().apply(headers, authQuery, timeout);
        // what auth added (and cookies) stays with the connector's origin when a redirect leaves it
        Set<String> credentials = new HashSet<>(headers.keySet());
        credentials.removeAll(plain);
        headers.keySet().stream().filter(h -> h.equalsIgnoreCase("Cookie") || h.equalsIgnoreCase("Authorization"))
                .forEach(credentials::add);
        headers.put("Idempotency-Key", idempotencyKey);
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(base);
        query.forEach(uri::queryParam);
        call.repeatedQuery().forEach((name, values) -> uri.queryParam(name, values.toArray()));
        authQuery.forEach(uri::queryParam);
        return exchange(method, uri.encode().build().toUri(), headers, credentials, body, timeout,
                call.placeholders());
    }

    private Answer exchange(String method, URI uri, Map<String, String> headers, Set<String> credentials,
            String body, Duration timeout, SecretPlaceholders placeholders) {
        HttpMethod verb = HttpMethod.valueOf(method == null ? "GET" : method.toUpperCase(Locale.ROOT));
        ResponseEntity<byte[]> response;
        try {
            response = redirects.follow(verb, uri, hop -> {
                WebClient.RequestBodySpec spec = http.method(hop.method()).uri(hop.uri()).headers(h ->
                        headers.forEach((name, value) -> {
                            if (hop.sameOrigin() || !credentials.contains(name)) {
                                h.set(name, value);
                            }
                        }));
                if (body != null && hop.sendBody()) {
                    if (!headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
                        spec.contentType(MediaType.APPLICATION_JSON);
                    }
                    spec.bodyValue(body);
                }
                return spec.exchangeToMono(r -> r.toEntity(byte[].class));
            }).timeout(timeout).block();
        } catch (EgressException e) {
            return Answer.none(StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), null, 0));
        } catch (DataBufferLimitException e) {
            return Answer.none(tooLarge());
        } catch (WebClientRequestException e) {
            Optional<EgressException> refused = EgressException.findIn(e);
            if (refused.isPresent()) {
                return Answer.none(StepOutcome.failed(refused.get().code(), placeholders.mask(refused.get().getMessage()),
                        null, 0));
            }
            return Answer.none(StepOutcome.failed("CONNECTION_FAILED", placeholders.mask("could not reach "
                    + uri.getHost() + ": " + e.getMostSpecificCause().getMessage()), null, 1));
        } catch (RuntimeException e) {
            Optional<EgressException> refused = EgressException.findIn(e);
            if (refused.isPresent()) {
                return Answer.none(StepOutcome.failed(refused.get().code(), placeholders.mask(refused.get().getMessage()),
                        null, 0));
            }
            if (e.getCause() instanceof TimeoutException) {
                return Answer.none(StepOutcome.failed("TIMEOUT", "no response within " + timeout.toMillis() + " ms",
                        null, 1));
            }
            if (e.getCause() instanceof DataBufferLimitException) {
                return Answer.none(tooLarge());
            }
            throw e;
        }
        return new Answer(null, response.getStatusCode().value(), response.getHeaders(),
                response.getBody() == null ? new byte[0] : response.getBody(), 1);
    }

    private static StepOutcome tooLarge() {
        return StepOutcome.failed("RESPONSE_TOO_LARGE", "the response is larger than "
                + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB", null, 1);
    }

    /** Non-2xx is a failed step with the status and a bounded, masked excerpt of the body. */
    private StepOutcome outcome(Answer answer, SecretPlaceholders placeholders) {
        if (answer.failure() != null) {
            return answer.failure().withRequests(answer.requests());
        }
        int status = answer.status();
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        answer.headers().forEach((name, values) ->
                answerHeaders.put(name, placeholders.mask(String.join(", ", values))));
        CallResponse response = new CallResponse(status, answerHeaders);
        if (status < 200 || status >= 300) {
            String text = new String(answer.bytes(), StandardCharsets.UTF_8);
            String excerpt = text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
            return StepOutcome.failed("HTTP_ERROR", placeholders.mask("HTTP " + status + ": " + excerpt), status,
                    answer.requests()).withResponse(response);
        }
        return StepOutcome.ok(body(answer.bytes(), answer.headers().getContentType(), placeholders))
                .withRequests(answer.requests()).withResponse(response);
    }

    /** What every request of one step shares. */
    private record Call(StepRequested step, Optional<JsonNode> connector, SecretPlaceholders placeholders,
            ConnectorAuth auth, Map<String, List<String>> repeatedQuery, AtomicInteger retries) {
    }

    /** One HTTP exchange: an answer (any status), or the failure that stood in for one. */
    private record Answer(StepOutcome failure, int status, HttpHeaders headers, byte[] bytes, int requests) {

        static Answer none(StepOutcome failure) {
            return new Answer(failure, 0, null, null, failure.calls().requests());
        }

        Answer withRequests(int total) {
            return new Answer(failure, status, headers, bytes, total);
        }
    }

    /**
     * JSON when it says so or parses as such; otherwise the text. A secret the API echoes back is
     * masked here too, since the result is stored with the run.
     */
    private JsonNode body(byte[] bytes, MediaType type, SecretPlaceholders placeholders) {
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        String text = placeholders.mask(new String(bytes, StandardCharsets.UTF_8));
        boolean json = type != null && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.getSubtype().endsWith("+json"));
        if (json || type == null) {
            try {
                return this.json.readTree(text);
            } catch (JacksonException notJson) {
                // fall through to text
            }
        }
        return JsonNodeFactory.instance.stringNode(text);
    }

    /** A copy of the request's query or headers with {@code {{secret:NAME}}} filled, in their order. */
    private static Map<String, String> filled(Map<String, String> values, SecretPlaceholders placeholders) {
        Map<String, String> filled = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> filled.put(name, placeholders.fill(value)));
        }
        return filled;
    }

    /** The step's URL, or the connector's base URL and the path, with secrets filled. */
    private static String base(StepRequest request, Optional<JsonNode> connector, SecretPlaceholders placeholders) {
        String base = request.url() != null ? request.url()
                : connector.map(c -> c.path("baseUrl").asString("")).orElse("") + (request.path() == null ? ""
                        : request.path());
        if (base.isBlank()) {
            throw new IllegalArgumentException("the step has no url, and no connector base URL and path");
        }
        return placeholders.fill(base);
    }
}
