package dev.switchboard.executor.http;

import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.executor.secret.SecretResolutionException;
import dev.switchboard.executor.secret.SecretResolver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
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
public class HttpStepCaller {

    static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
    private static final int EXCERPT_CHARS = 512;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final WebClient http;
    private final SecretResolver secrets;
    private final OAuthTokens tokens;
    private final JsonMapper json;

    HttpStepCaller(WebClient.Builder builder, SecretResolver secrets, OAuthTokens tokens, JsonMapper json) {
        this.http = builder.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES)).build();
        this.secrets = secrets;
        this.tokens = tokens;
        this.json = json;
    }

    /**
     * {@code connector} is the registry snapshot of {@code request.connector()}, if the step names
     * one; {@code credentials} the run's own, opened from the request's sealed credentials.
     */
    public StepOutcome call(StepRequested step, Optional<JsonNode> connector, Map<String, String> credentials) {
        StepRequest request = step.request();
        SecretPlaceholders placeholders = new SecretPlaceholders(secrets, step.userId(), credentials);
        ConnectorAuth auth = new ConnectorAuth(connector, placeholders, credentials, tokens);
        try {
            Duration timeout = connector.map(c -> c.path("timeoutMs").asLong(0)).filter(ms -> ms > 0)
                    .map(Duration::ofMillis).orElse(DEFAULT_TIMEOUT);
            if (step.deadline() != null) {
                // a call never outlives its run: past the deadline nobody uses the answer, and the
                // call would hold its batch (and the partitions behind it) for nothing
                Duration left = Duration.between(java.time.Instant.now(), step.deadline());
                timeout = left.compareTo(timeout) < 0 ? (left.isNegative() ? Duration.ofMillis(1) : left) : timeout;
            }
            String body = request.body() == null || request.body().isNull() ? null
                    : placeholders.fill(request.body().isString() ? request.body().asString()
                            : json.writeValueAsString(request.body()));
            StepOutcome outcome = authenticatedExchange(step, request, connector, placeholders, auth, body, timeout);
            if (isUnauthorized(outcome) && auth.refreshAfterUnauthorized()) {
                // an OAuth token revoked or expired early: one more try with a fresh one
                StepOutcome again = authenticatedExchange(step, request, connector, placeholders, auth, body, timeout);
                return again.withRequests(outcome.calls().requests() + again.calls().requests());
            }
            return outcome;
        } catch (SecretResolutionException e) {
            return StepOutcome.failed(e.code(), e.getMessage(), null, 0);
        } catch (CallAuthException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), e.httpStatus(), 0);
        } catch (IllegalArgumentException e) {
            return StepOutcome.failed("INVALID_REQUEST", placeholders.mask(String.valueOf(e.getMessage())), null, 0);
        }
    }

    private StepOutcome authenticatedExchange(StepRequested step, StepRequest request, Optional<JsonNode> connector,
            SecretPlaceholders placeholders, ConnectorAuth auth, String body, Duration timeout) {
        Map<String, String> headers = headers(request, connector, placeholders);
        Map<String, String> authQuery = new LinkedHashMap<>();
        auth.apply(headers, authQuery, timeout);
        headers.put("Idempotency-Key", step.runId() + ":" + step.stepId() + ":" + step.itemIndex());
        URI uri = uri(request, connector, placeholders, authQuery);
        return exchange(request.method(), uri, headers, body, timeout, placeholders);
    }

    private static boolean isUnauthorized(StepOutcome outcome) {
        return !outcome.success() && outcome.error().httpStatus() != null && outcome.error().httpStatus() == 401;
    }

    private StepOutcome exchange(String method, URI uri, Map<String, String> headers, String body, Duration timeout,
            SecretPlaceholders placeholders) {
        WebClient.RequestBodySpec spec = http.method(HttpMethod.valueOf(method == null ? "GET"
                : method.toUpperCase(Locale.ROOT))).uri(uri).headers(h -> headers.forEach(h::set));
        if (body != null) {
            if (!headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
                spec.contentType(MediaType.APPLICATION_JSON);
            }
            spec.bodyValue(body);
        }
        ResponseEntity<byte[]> response;
        try {
            response = spec.exchangeToMono(r -> r.toEntity(byte[].class)).timeout(timeout).block();
        } catch (DataBufferLimitException e) {
            return StepOutcome.failed("RESPONSE_TOO_LARGE", "the response is larger than "
                    + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB", null, 1);
        } catch (WebClientRequestException e) {
            return StepOutcome.failed("CONNECTION_FAILED", placeholders.mask("could not reach " + uri.getHost()
                    + ": " + e.getMostSpecificCause().getMessage()), null, 1);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof TimeoutException) {
                return StepOutcome.failed("TIMEOUT", "no response within " + timeout.toMillis() + " ms", null, 1);
            }
            if (e.getCause() instanceof DataBufferLimitException) {
                return StepOutcome.failed("RESPONSE_TOO_LARGE", "the response is larger than "
                        + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB", null, 1);
            }
            throw e;
        }
        int status = response.getStatusCode().value();
        byte[] bytes = response.getBody() == null ? new byte[0] : response.getBody();
        if (status < 200 || status >= 300) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            String excerpt = text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
            return StepOutcome.failed("HTTP_ERROR", placeholders.mask("HTTP " + status + ": " + excerpt), status, 1);
        }
        return StepOutcome.ok(body(bytes, response.getHeaders().getContentType()));
    }

    /** JSON when it says so or parses as such; otherwise the text. */
    private JsonNode body(byte[] bytes, MediaType type) {
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
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

    private static URI uri(StepRequest request, Optional<JsonNode> connector, SecretPlaceholders placeholders,
            Map<String, String> authQuery) {
        String base = request.url() != null ? request.url()
                : connector.map(c -> c.path("baseUrl").asString("")).orElse("") + (request.path() == null ? ""
                        : request.path());
        if (base.isBlank()) {
            throw new IllegalArgumentException("the step has no url, and no connector base URL and path");
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(placeholders.fill(base));
        if (request.query() != null) {
            request.query().forEach((name, value) -> uri.queryParam(name, placeholders.fill(value)));
        }
        authQuery.forEach(uri::queryParam);
        return uri.encode().build().toUri();
    }

    private static Map<String, String> headers(StepRequest request, Optional<JsonNode> connector,
            SecretPlaceholders placeholders) {
        Map<String, String> headers = new LinkedHashMap<>();
        connector.ifPresent(c -> c.path("headers").properties().forEach(e ->
                headers.put(e.getKey(), placeholders.fill(e.getValue().asString()))));
        if (request.headers() != null) {
            request.headers().forEach((name, value) -> headers.put(name, placeholders.fill(value)));
        }
        return headers;
    }
}
