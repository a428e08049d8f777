package dev.switchboard.orchestrator.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One dead letter as the API shows it: where it is, what it was (the value as JSON when it is
 * JSON, else as text), why it failed and where it came from. The stack trace header stays out:
 * it is internals, and the message and exception names are what an operator acts on.
 */
record DeadLetter(int partition, long offset, Instant timestamp, String key, Object value, Failure error,
        Map<String, String> headers) {

    /** The failure headers spring-kafka's dead-letter recoverer writes. */
    record Failure(String exception, String cause, String message, String originalTopic, Integer originalPartition,
            Long originalOffset, Instant originalTimestamp, String consumerGroup) {
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, JsonMapper json) {
        Map<String, String> others = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (!ReplayHeaders.isFailureHeader(header.key()) && header.value() != null) {
                others.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        Long originalTimestamp = longHeader(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        Failure failure = new Failure(text(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN), text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                originalTopic(record), intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                originalTimestamp == null ? null : Instant.ofEpochMilli(originalTimestamp),
                text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), key,
                value(record.value(), json), failure, others);
    }

    /** The topic to replay into: the header's, else the DLT's name without {@code .DLT}. */
    static String originalTopic(ConsumerRecord<byte[], byte[]> record) {
        String header = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        return header != null ? header : SwitchboardTopic.originalOf(record.topic());
    }

    private static Object value(byte[] bytes, JsonMapper json) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readValue(bytes, JsonNode.class);
        } catch (JacksonException notJson) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer intHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length != Integer.BYTES ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
