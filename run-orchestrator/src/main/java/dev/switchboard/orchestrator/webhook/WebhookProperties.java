package dev.switchboard.orchestrator.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered (docs/webhooks.md).
 *
 * @param signingSecret the per-deployment key of {@code X-Switchboard-Signature}, as text (an env
 *     var in production); never logged, never stored
 * @param signingSecretFile or a file holding it (the standalone's, 0600 in its data dir)
 * @param maxAttempts attempts per delivery, the first included
 * @param backoff the wait before the second attempt; it doubles for each one after
 * @param maxRetryAfter the longest {@code Retry-After} obeyed; longer ones are cut to this
 * @param lease how long an instance holds a delivery it is attempting; past it, another takes it
 *     over (the holder died). Longer than one attempt can last (connect plus response timeout)
 * @param pollEvery how often due retries and abandoned deliveries are looked for
 * @param maxInFlight attempts under way at once in this instance; more wait for the poller
 * @param consumers consumer threads on runs.finished
 * @param maxAge a run that finished longer ago than this gets no webhook (its RunFinished read
 *     late: a consumer group reading the topic for the first time, an orchestrator down that long)
 */
@ConfigurationProperties("switchboard.webhooks")
public record WebhookProperties(String signingSecret, Path signingSecretFile,
        @DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration backoff,
        @DefaultValue("10m") Duration maxRetryAfter, @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration responseTimeout, @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration pollEvery, @DefaultValue("256") int maxInFlight,
        @DefaultValue("2") int consumers, @DefaultValue("24h") Duration maxAge) {

    static final int MIN_SECRET_LENGTH = 16;

    public WebhookProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("switchboard.webhooks.max-attempts must be at least 1");
        }
        if (lease.compareTo(connectTimeout.plus(responseTimeout)) <= 0) {
            throw new IllegalArgumentException("switchboard.webhooks.lease must be longer than connect-timeout plus"
                    + " response-timeout, or a slow attempt would be taken over while it still runs");
        }
    }

    /** The signing key, from the text or the file; null when neither is set. */
    byte[] secret() {
        String text = signingSecret;
        if ((text == null || text.isBlank()) && signingSecretFile != null) {
            try {
                text = Files.readString(signingSecretFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // the path alone: the file's contents are the secret
                throw new UncheckedIOException("switchboard.webhooks.signing-secret-file " + signingSecretFile
                        + " cannot be read", e);
            }
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        byte[] secret = text.strip().getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("switchboard.webhooks.signing-secret must be at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        return secret;
    }

    @Override
    public String toString() {
        return "WebhookProperties[signingSecret=" + (signingSecret == null ? "unset" : "***") + ", signingSecretFile="
                + signingSecretFile + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", lease=" + lease
                + "]";
    }
}
