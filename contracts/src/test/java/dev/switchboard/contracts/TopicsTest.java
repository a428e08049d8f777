package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicAndItsDeadLetterTopicHaveTheirPartitionCounts() {
        Map<String, Integer> partitions = Topics.all().stream()
                .collect(Collectors.toMap(Topics.TopicSpec::name, Topics.TopicSpec::partitions));

        assertThat(partitions).hasSize(14).containsAllEntriesOf(Map.of(
                "switchboard.runs.requested", 12, "switchboard.steps.requested", 12,
                "switchboard.steps.completed", 12, "switchboard.runs.finished", 12,
                "switchboard.runs.control", 12, "switchboard.registry.changes", 3,
                "switchboard.secrets.changes", 3, "switchboard.runs.requested.DLT", 1,
                "switchboard.registry.changes.DLT", 1));
        assertThat(Topics.all()).filteredOn(Topics.TopicSpec::compacted).extracting(Topics.TopicSpec::name)
                .containsExactly(Topics.REGISTRY_CHANGES);
        assertThat(Topics.all()).allSatisfy(spec -> assertThat(spec.retention()).isEqualTo(Duration.ofDays(7)));
    }
}
