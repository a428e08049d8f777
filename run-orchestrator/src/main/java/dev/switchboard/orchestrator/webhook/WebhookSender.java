package dev.switchboard.orchestrator.webhook;

import dev.switchboard.contracts.egress.EgressRefusal;
import dev.switchboard.contracts.egress.EgressRules;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Makes one webhook POST: checked against the egress rules first (a readable refusal) and again
 * at connect (the client's resolver), signed, never redirected (a 3xx is the receiver's answer,
 * not a hop to follow: a webhook must not be bounced to an internal address). Errors name what
 * went wrong, never the addresses a name resolved to.
 */
final class WebhookSender {

    static final String RUN_ID_HEADER = "X-Switchboard-Run-Id";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CloseableHttpClient http;
    private final EgressRules egress;
    private final WebhookSignature signature;
    private final Clock clock;

    /** @param signature null when the deployment has no signing secret: nothing is sent then */
    WebhookSender(CloseableHttpClient http, EgressRules egress, WebhookSignature signature, Clock clock) {
        this.http = http;
        this.egress = egress;
        this.signature = signature;
        this.clock = clock;
    }

    /** The same key on every attempt of a run's webhook, so a receiver can drop repeats. */
    static String idempotencyKey(String runId) {
        return runId + ":webhook";
    }

    AttemptResult post(String url, String runId, String body, int attempt) {
        long started = System.nanoTime();
        if (signature == null) {
            return AttemptResult.failed(null, 0, "this deployment has no webhook signing secret"
                    + " (switchboard.webhooks.signing-secret), so it sends no webhooks");
        }
        URI uri;
        try {
            uri = URI.create(url);
            egress.check(uri);
        } catch (IllegalArgumentException e) {
            return AttemptResult.failed(null, 0, "the webhookUrl is not a valid URL");
        } catch (EgressRefusal refusal) {
            return refusal.denied() ? AttemptResult.refused(millisSince(started), refusal.getMessage())
                    : AttemptResult.retry(null, millisSince(started), refusal.getMessage(), null);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(uri);
        post.setHeader(RUN_ID_HEADER, runId);
        post.setHeader(IDEMPOTENCY_KEY, idempotencyKey(runId));
        post.setHeader(WebhookSignature.HEADER, signature.sign(bytes));
        post.setHeader("X-Switchboard-Attempt", String.valueOf(attempt));
        post.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
        try {
            return http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                int status = response.getCode();
                long took = millisSince(started);
                if (status >= 200 && status < 300) {
                    return AttemptResult.delivered(status, took);
                }
                if (status == 429 || status >= 500) {
                    return AttemptResult.retry(status, took, "HTTP " + status, retryAfter(response.getFirstHeader(
                            "Retry-After")).orElse(null));
                }
                if (status >= 300 && status < 400) {
                    return AttemptResult.failed(status, took, "HTTP " + status + ": webhooks do not follow redirects");
                }
                return AttemptResult.failed(status, took, "HTTP " + status + " (only network errors, 5xx and 429 are"
                        + " retried)");
            });
        } catch (IOException e) {
            Optional<EgressRefusal> refusal = refusalIn(e);
            if (refusal.isPresent()) {
                return refusal.get().denied() ? AttemptResult.refused(millisSince(started), refusal.get().getMessage())
                        : AttemptResult.retry(null, millisSince(started), refusal.get().getMessage(), null);
            }
            return AttemptResult.retry(null, millisSince(started), describe(e, uri), null);
        }
    }

    /** Seconds or an HTTP date (RFC 9110); a date in the past or nonsense counts as none. */
    Optional<Duration> retryAfter(Header header) {
        if (header == null || header.getValue() == null) {
            return Optional.empty();
        }
        String value = header.getValue().strip();
        if (value.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Optional.empty() : Optional.of(until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<EgressRefusal> refusalIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EgressRefusal refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    private static String describe(IOException e, URI uri) {
        String host = "'" + uri.getHost() + "'";
        return switch (e) {
            case ConnectTimeoutException t -> "connecting to " + host + " timed out";
            case ConnectException c -> "connecting to " + host + " failed (connection refused)";
            case SocketTimeoutException t -> host + " did not answer in time";
            case UnknownHostException u -> "the host " + host + " does not resolve";
            case NoHttpResponseException n -> host + " closed the connection without an answer";
            case SSLException s -> "TLS with " + host + " failed: " + s.getMessage();
            case InterruptedIOException i -> "the attempt was interrupted";
            default -> "sending to " + host + " failed: " + e.getClass().getSimpleName();
        };
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
