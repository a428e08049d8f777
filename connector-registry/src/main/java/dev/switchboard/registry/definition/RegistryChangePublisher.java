package dev.switchboard.registry.definition;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.AgentChanged;
import dev.switchboard.contracts.event.ConnectorChanged;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.event.ToolChanged;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Publishes registry changes to the compacted {@code switchboard.registry.changes} topic, keyed
 * so compaction keeps the latest state of each connector, tool and agent. A send that fails is
 * reported as false and left to the sweeper: the change is already durable in Mongo.
 */
@Component
class RegistryChangePublisher {

    private static final Logger log = LoggerFactory.getLogger(RegistryChangePublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SwitchboardEvent> kafka;
    private final Clock clock;

    RegistryChangePublisher(KafkaTemplate<String, SwitchboardEvent> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    boolean publishSnapshot(StoredDefinition stored) {
        return send(event(stored.kind(), stored.ref(), stored.version(), stored.view()));
    }

    boolean publishDeleted(Kind kind, String ref, long version) {
        return send(event(kind, ref, version, null));
    }

    private SwitchboardEvent event(Kind kind, String ref, long version, JsonNode snapshot) {
        UUID id = UUID.randomUUID();
        var at = clock.instant();
        String trace = MDC.get("traceId");
        boolean deleted = snapshot == null;
        return switch (kind) {
            case CONNECTOR -> {
                String[] parts = ref.split("/", 2);
                yield new ConnectorChanged(id, at, trace, parts[0], parts[1], version, deleted, snapshot);
            }
            case TOOL -> new ToolChanged(id, at, trace, ref, version, deleted, snapshot);
            case AGENT -> {
                String[] parts = ref.split("/", 2);
                yield new AgentChanged(id, at, trace, parts[0], parts[1], version, deleted, snapshot);
            }
        };
    }

    private boolean send(SwitchboardEvent event) {
        try {
            kafka.send(Topics.REGISTRY_CHANGES, event.key(), event).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not publish the change of {} yet; it stays pending and will be retried: {}",
                    event.key(), e.toString());
            return false;
        }
    }
}
