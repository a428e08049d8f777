package dev.switchboard.orchestrator.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Offsets and consumer lag of Switchboard's topics, read with the admin client: for each group
 * with committed offsets on a topic, the records between its committed offset and each
 * partition's end (as {@code kafka-consumer-groups.sh} and KEDA count it).
 */
@Component
class TopicInspector {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    TopicInspector(Admin admin) {
        this.admin = admin;
    }

    /** Every Switchboard topic that exists on the cluster, in {@code Topics.all()} order. */
    List<TopicView> topics() {
        try {
            Collection<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> names = SwitchboardTopic.names().stream().filter(existing::contains).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartition> partitions = descriptions.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> begin = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committedOffsets();
            List<TopicView> views = new ArrayList<>();
            for (String name : names) {
                List<TopicPartition> own = partitions.stream().filter(tp -> tp.topic().equals(name))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
                List<TopicView.PartitionView> offsets = own.stream()
                        .map(tp -> new TopicView.PartitionView(tp.partition(), begin.get(tp), end.get(tp))).toList();
                long records = own.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
                views.add(new TopicView(name, SwitchboardTopic.isDeadLetterTopic(name), own.size(), offsets, records,
                        lags(own, begin, end, committed)));
            }
            return views;
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(e);
        }
    }

    /**
     * A group that committed on any partition of the topic consumes it; on its partitions without a
     * commit yet, every record held counts as lag, as Switchboard's groups read a new partition from
     * the earliest offset.
     */
    private static List<TopicView.GroupLag> lags(List<TopicPartition> partitions, Map<TopicPartition, Long> begin,
            Map<TopicPartition, Long> end, Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {
        List<TopicView.GroupLag> groups = new ArrayList<>();
        committed.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(group -> {
            if (partitions.stream().noneMatch(group.getValue()::containsKey)) {
                return;
            }
            List<TopicView.PartitionLag> lags = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = group.getValue().get(tp);
                long from = offset == null ? begin.get(tp) : offset.offset();
                lags.add(new TopicView.PartitionLag(tp.partition(), offset == null ? null : offset.offset(),
                        Math.max(0, end.get(tp) - from)));
            }
            groups.add(new TopicView.GroupLag(group.getKey(),
                    lags.stream().mapToLong(TopicView.PartitionLag::lag).sum(), lags));
        });
        return groups;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets()
            throws ExecutionException, InterruptedException, TimeoutException {
        Collection<GroupListing> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(specs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((group, all) -> {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            // a partition the group never committed on comes back with a null offset
            all.forEach((tp, offset) -> {
                if (offset != null) {
                    offsets.put(tp, offset);
                }
            });
            committed.put(group, offsets);
        });
        return committed;
    }
}
