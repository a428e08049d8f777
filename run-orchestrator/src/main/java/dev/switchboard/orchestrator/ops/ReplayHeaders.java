package dev.switchboard.orchestrator.ops;

import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Which headers describe a failure rather than the event: they are shown apart and dropped on
 * replay, so a replayed record looks to its consumer like the record first sent (and, failing
 * again, gets fresh failure headers instead of piling up old ones).
 */
final class ReplayHeaders {

    private static final List<String> FAILURE_PREFIXES = List.of("kafka_dlt-", "springDeserializerException",
            "retry_topic-");

    private ReplayHeaders() {
    }

    static boolean isFailureHeader(String key) {
        return FAILURE_PREFIXES.stream().anyMatch(key::startsWith);
    }

    static Headers withoutFailure(Headers headers) {
        RecordHeaders kept = new RecordHeaders();
        for (Header header : headers) {
            if (!isFailureHeader(header.key())) {
                kept.add(header);
            }
        }
        return kept;
    }
}
