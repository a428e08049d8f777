package dev.switchboard.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.egress.EgressRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

/** Backoff and Retry-After arithmetic, without a receiver. */
class WebhookRetriesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private final WebhookProperties properties = new WebhookProperties(null, null, 5, Duration.ofSeconds(1),
            Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(1), 8, 1, Duration.ofHours(24));
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(null, null, null, null, properties, CLOCK);
    private final WebhookSender sender = new WebhookSender(null, new EgressRules(true, false, List.of(),
            host -> List.of()), null, CLOCK);

    @Test
    void theWaitDoublesAndALongerRetryAfterWinsUpToItsCap() {
        assertThat(dispatcher.delay(1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.delay(4, null)).isEqualTo(Duration.ofSeconds(8));
        assertThat(dispatcher.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(dispatcher.delay(4, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(8));
        assertThat(dispatcher.delay(1, Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(sender.retryAfter(new BasicHeader("Retry-After", "120"))).hasValue(Duration.ofSeconds(120));
        assertThat(sender.retryAfter(new BasicHeader("Retry-After", "Tue, 01 Dec 2026 12:01:00 GMT")))
                .hasValue(Duration.ofMinutes(1));
        assertThat(sender.retryAfter(new BasicHeader("Retry-After", "Tue, 01 Dec 2026 11:00:00 GMT"))).isEmpty();
        assertThat(sender.retryAfter(new BasicHeader("Retry-After", "soon"))).isEmpty();
        assertThat(sender.retryAfter(null)).isEmpty();
    }

    @Test
    void withoutASigningSecretNothingIsSent() {
        AttemptResult result = sender.post("http://127.0.0.1:1/hook", "run-1", "{}", 1);

        assertThat(result.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(result.error()).contains("no webhook signing secret");
    }
}
