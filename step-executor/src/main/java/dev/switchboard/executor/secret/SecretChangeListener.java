package dev.switchboard.executor.secret;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.SecretChanged;
import dev.switchboard.contracts.event.SwitchboardEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Drops cached values when a secret changes. Every executor must see every change, so each
 * instance reads with a group of its own, from the latest offset: what it cached before it
 * started listening cannot exist yet.
 */
@Component
class SecretChangeListener {

    private final SecretResolver resolver;

    SecretChangeListener(SecretResolver resolver) {
        this.resolver = resolver;
    }

    @KafkaListener(topics = Topics.SECRETS_CHANGES,
            groupId = "step-executor-secrets-#{T(java.util.UUID).randomUUID()}",
            properties = {"auto.offset.reset=latest", "enable.auto.commit=false"})
    void onChange(SwitchboardEvent event) {
        if (event instanceof SecretChanged change) {
            resolver.evict(change);
        }
    }
}
