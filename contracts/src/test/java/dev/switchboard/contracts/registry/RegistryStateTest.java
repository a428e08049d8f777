package dev.switchboard.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.event.ConnectorChanged;
import dev.switchboard.contracts.event.ToolChanged;
import dev.switchboard.contracts.kafka.EventJson;
import dev.switchboard.contracts.kafka.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class RegistryStateTest {

    private final EventJson json = new EventJson();
    private final RegistryState state = new RegistryState();

    @Test
    void keepsTheLatestVersionAndIgnoresStaleOnes() {
        state.apply("connector:acme/crm", connector(1, "a"));
        state.apply("connector:acme/crm", connector(3, "c"));
        assertThat(state.apply("connector:acme/crm", connector(2, "b"))).isEmpty();

        assertThat(state.get("connector:acme/crm")).get().satisfies(e -> {
            assertThat(e.version()).isEqualTo(3);
            assertThat(e.snapshot().get("description").asString()).isEqualTo("c");
        });
    }

    @Test
    void deletesAndTombstonesRemoveTheKey() {
        state.apply("connector:acme/crm", connector(2, "a"));
        assertThat(state.apply("connector:acme/crm", deleted(1))).isEmpty();
        assertThat(state.apply("connector:acme/crm", deleted(2))).get()
                .extracting(RegistryChange::deleted).isEqualTo(true);
        assertThat(state.get("connector:acme/crm")).isEmpty();

        state.apply("tool:sync", json.toJson(new ToolChanged(UUID.randomUUID(), Instant.now(), null, "sync", 1, false,
                JsonNodeFactory.instance.objectNode())));
        assertThat(state.apply("tool:sync", null)).get().extracting(RegistryChange::kind)
                .isEqualTo(RegistryChange.Kind.TOOL);
        assertThat(state.size()).isZero();
    }

    @Test
    void refusesRecordsItCannotTrust() {
        assertThatThrownBy(() -> state.apply("connector:acme/crm", "garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> state.apply("widget:x", connector(1, "a"))).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> state.apply("connector:other/crm", connector(1, "a")))
                .isInstanceOf(InvalidEventException.class);
    }

    private byte[] connector(long version, String description) {
        return json.toJson(new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "crm", version, false,
                JsonNodeFactory.instance.objectNode().put("description", description)));
    }

    private byte[] deleted(long version) {
        return json.toJson(new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "crm", version, true,
                null));
    }
}
