package dev.switchboard.orchestrator.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead-letter topic by partition and offset with a short-lived, group-less consumer, so
 * looking at dead letters never moves anyone's offsets.
 */
class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerProperties;

    DeadLetterReader(Map<String, Object> consumerProperties) {
        this.consumerProperties = Map.copyOf(consumerProperties);
    }

    /** The records at positions {@code [skip, skip + limit)} in partition-then-offset order, and the total. */
    Slice read(String topic, long skip, int limit) {
        try (Consumer<byte[], byte[]> consumer = open()) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long toSkip = skip;
            for (TopicPartition tp : partitions) {
                long size = end.get(tp) - begin.get(tp);
                if (toSkip >= size) {
                    toSkip -= size;
                    continue;
                }
                long from = begin.get(tp) + toSkip;
                long to = Math.min(end.get(tp), from + (limit - records.size()));
                toSkip = 0;
                records.addAll(range(consumer, tp, from, to));
                if (records.size() >= limit) {
                    break;
                }
            }
            return new Slice(records, total);
        }
    }

    /** The record at exactly that partition and offset, if the topic still holds one there. */
    Optional<ConsumerRecord<byte[], byte[]>> at(String topic, int partition, long offset) {
        try (Consumer<byte[], byte[]> consumer = open()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (partition < 0 || !partitionsOf(consumer, topic).contains(tp)) {
                return Optional.empty();
            }
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            return range(consumer, tp, offset, offset + 1).stream().filter(r -> r.offset() == offset).findFirst();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> range(Consumer<byte[], byte[]> consumer, TopicPartition tp,
            long from, long to) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant giveUp = Instant.now().plus(READ_LIMIT);
        // offsets may have gaps (transaction markers): read until the position passes the range
        while (consumer.position(tp) < to && Instant.now().isBefore(giveUp)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(tp)) {
                if (record.offset() < to) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private Consumer<byte[], byte[]> open() {
        return new KafkaConsumer<>(consumerProperties);
    }

    record Slice(List<ConsumerRecord<byte[], byte[]>> records, long total) {
    }
}
