package dev.switchboard.contracts.kafka;

import dev.switchboard.contracts.event.SwitchboardEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one Kafka serde for every Switchboard topic. Usable as an object or by class name in
 * client configs ({@code value.serializer=dev.switchboard.contracts.kafka.EventSerde$EventSerializer}).
 */
public final class EventSerde implements Serde<SwitchboardEvent> {

    private final EventJson json;

    public EventSerde() {
        this(new EventJson());
    }

    public EventSerde(EventJson json) {
        this.json = json;
    }

    @Override
    public Serializer<SwitchboardEvent> serializer() {
        return new EventSerializer(json);
    }

    @Override
    public Deserializer<SwitchboardEvent> deserializer() {
        return new EventDeserializer(json);
    }

    /** Rejects an invalid event with {@link InvalidEventException} before it is sent. */
    public static final class EventSerializer implements Serializer<SwitchboardEvent> {

        private final EventJson json;

        public EventSerializer() {
            this(new EventJson());
        }

        EventSerializer(EventJson json) {
            this.json = json;
        }

        @Override
        public byte[] serialize(String topic, SwitchboardEvent event) {
            return event == null ? null : json.toJson(event);
        }
    }

    /**
     * Throws {@link InvalidEventException} for a record that breaks the contract; consumers route
     * it to the topic's DLT. A null value (a compaction tombstone) stays null.
     */
    public static final class EventDeserializer implements Deserializer<SwitchboardEvent> {

        private final EventJson json;

        public EventDeserializer() {
            this(new EventJson());
        }

        EventDeserializer(EventJson json) {
            this.json = json;
        }

        @Override
        public SwitchboardEvent deserialize(String topic, byte[] data) {
            return data == null ? null : json.fromJson(data);
        }
    }
}
