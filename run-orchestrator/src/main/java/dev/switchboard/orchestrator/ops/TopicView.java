package dev.switchboard.orchestrator.ops;

import java.util.List;

/**
 * A Switchboard topic as the ops API shows it: its partitions' end offsets, how many records it
 * holds, and for each consumer group with committed offsets on it, the lag (records not yet
 * consumed), in all and per partition.
 */
record TopicView(String name, boolean deadLetter, int partitions, List<PartitionView> partitionOffsets,
        long records, List<GroupLag> groups) {

    record PartitionView(int partition, long beginOffset, long endOffset) {
    }

    record GroupLag(String group, long lag, List<PartitionLag> partitions) {
    }

    /** {@code committedOffset} is null where the group has committed nothing yet. */
    record PartitionLag(int partition, Long committedOffset, long lag) {
    }
}
