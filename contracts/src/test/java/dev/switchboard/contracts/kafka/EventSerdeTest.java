package dev.switchboard.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventSerdeTest {

    private static final EventSerde SERDE = new EventSerde();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<SwitchboardEvent> samples() {
        return EventSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventRoundTripsThroughTheSerde(SwitchboardEvent event) {
        byte[] bytes = SERDE.serializer().serialize(Topics.RUNS_REQUESTED, event);

        assertThat(SERDE.deserializer().deserialize(Topics.RUNS_REQUESTED, bytes)).isEqualTo(event);
        assertThat(JSON.readTree(bytes).get("type").asString()).isEqualTo(event.getClass().getSimpleName());
    }

    @Test
    void everySampleTypeIsCovered() {
        Set<Class<?>> sampled = EventSamples.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrder(SwitchboardEvent.class.getPermittedSubclasses());
    }

    @Test
    void everyEventTypeHasASchema() {
        for (Class<?> type : SwitchboardEvent.class.getPermittedSubclasses()) {
            assertThat(getClass().getClassLoader().getResource(EventJson.schemaPath(type.getSimpleName())))
                    .as(type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void keysKeepARunInOnePartitionAndEntitiesApart() {
        assertThat(EventSamples.all()).filteredOn(e -> e.getClass().getSimpleName().matches("Run.*|Step.*"))
                .allSatisfy(e -> assertThat(e.key()).startsWith("run-"));
        assertThat(EventSamples.all().stream().filter(e -> e.getClass().getSimpleName().endsWith("Changed"))
                .map(SwitchboardEvent::key)).contains("connector:acme/crm", "tool:sync-users",
                "agent:support/helper", "private:alice:CRM_TOKEN");
    }

    @Test
    void aMissingRequiredFieldIsRejectedNamingIt() {
        ObjectNode json = validRunRequested();
        json.remove("runId");

        assertThatThrownBy(() -> deserialize(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("invalid RunRequested")
                .hasMessageContaining("runId");
    }

    @Test
    void aWrongTypeAnExtraPropertyAndABadUuidAreRejected() {
        ObjectNode wrongType = validRunRequested();
        wrongType.put("toolVersion", "three");
        assertThatThrownBy(() -> deserialize(wrongType)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("toolVersion");

        ObjectNode extra = validRunRequested();
        extra.put("password", "hunter2");
        assertThatThrownBy(() -> deserialize(extra)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("password")
                .hasMessageNotContaining("hunter2");

        ObjectNode badId = validRunRequested();
        badId.put("eventId", "not-a-uuid");
        assertThatThrownBy(() -> deserialize(badId)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("eventId");

        ObjectNode badEnum = validRunRequested();
        ((ObjectNode) badEnum.get("trigger")).put("type", "CRON");
        assertThatThrownBy(() -> deserialize(badEnum)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/trigger/type");
    }

    @Test
    void anUnknownOrMissingTypeAndNonJsonAreRejected() {
        ObjectNode unknown = validRunRequested();
        unknown.put("type", "RunExploded");
        assertThatThrownBy(() -> deserialize(unknown)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/type: must be one of");

        ObjectNode missing = validRunRequested();
        missing.remove("type");
        assertThatThrownBy(() -> deserialize(missing)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/type: must be one of");

        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not JSON");
    }

    @Test
    void anInvalidEventIsNeverSerialized() {
        RunRequested noRunId = new RunRequested(java.util.UUID.randomUUID(), EventSamples.NOW, null, null, "tool",
                null, null, dev.switchboard.contracts.event.Trigger.api("alice"),
                new dev.switchboard.contracts.event.RunOptions(null, null, false), null);

        assertThatThrownBy(() -> SERDE.serializer().serialize("t", noRunId))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("runId");
    }

    @Test
    void eventsWrittenBeforeChainsExistedAreStillRead() {
        ObjectNode old = (ObjectNode) JSON.readTree(SERDE.serializer().serialize("t", EventSamples.all().get(1)));
        ((ObjectNode) old.get("options")).remove(List.of("chain", "chainOn"));
        ((ObjectNode) old.get("trigger")).remove("ancestorToolIds");

        RunRequested read = (RunRequested) deserialize(old);

        assertThat(read.options().chain()).isNull();
        assertThat(read.options().chainOn()).isNull();
        assertThat(read.trigger().ancestorToolIds()).isNull();
        assertThat(read.trigger().chainDepth()).isEqualTo(1);
    }

    @Test
    void aChainHopThatIsNoToolOrAnUnknownChainOnIsRejected() {
        ObjectNode url = (ObjectNode) JSON.readTree(SERDE.serializer().serialize("t", EventSamples.all().get(1)));
        ((ObjectNode) url.get("options")).putArray("chain").add("https://elsewhere.example.test");
        assertThatThrownBy(() -> deserialize(url)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/options/chain/0");

        ObjectNode chainOn = (ObjectNode) JSON.readTree(SERDE.serializer().serialize("t", EventSamples.all().get(1)));
        ((ObjectNode) chainOn.get("options")).put("chainOn", "failure");
        assertThatThrownBy(() -> deserialize(chainOn)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/options/chainOn");
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(SERDE.serializer().serialize("t", null)).isNull();
        assertThat(SERDE.deserializer().deserialize("t", null)).isNull();
    }

    private static ObjectNode validRunRequested() {
        SwitchboardEvent sample = EventSamples.all().getFirst();
        return (ObjectNode) JSON.readTree(SERDE.serializer().serialize("t", sample));
    }

    private static SwitchboardEvent deserialize(ObjectNode json) {
        return SERDE.deserializer().deserialize("t", JSON.writeValueAsBytes(json));
    }
}
