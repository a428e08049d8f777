package dev.switchboard.secrets.secret;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.SecretChanged;
import dev.switchboard.contracts.event.SwitchboardEvent;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells executors a secret changed so they drop what they cached: names and versions only. A
 * lost event costs at most the executors' cache lifetime (30 s), so a failed send is logged, not
 * retried.
 */
@Component
class SecretEvents {

    private static final Logger log = LoggerFactory.getLogger(SecretEvents.class);

    private final KafkaTemplate<String, SwitchboardEvent> kafka;
    private final Clock clock;

    SecretEvents(KafkaTemplate<String, SwitchboardEvent> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    void changed(SecretDocument doc, SecretChanged.Change change) {
        SecretChanged event = new SecretChanged(UUID.randomUUID(), clock.instant(), MDC.get("traceId"), doc.name(),
                SecretChanged.Scope.valueOf(doc.scope().toUpperCase(Locale.ROOT)), doc.owner(), doc.version(), change);
        try {
            kafka.send(Topics.SECRETS_CHANGES, event.key(), event).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not publish {} of secret {}; executors drop it when their cache expires: {}",
                    change.wire(), event.key(), e.toString());
        }
    }
}
