package dev.switchboard.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Topic names and their standalone defaults. Partitions are the unit of horizontal scale: run
 * and step topics get 12 so up to 12 orchestrators or executors share the load.
 */
public final class Topics {

    public static final String RUNS_REQUESTED = "switchboard.runs.requested";
    public static final String STEPS_REQUESTED = "switchboard.steps.requested";
    public static final String STEPS_COMPLETED = "switchboard.steps.completed";
    public static final String RUNS_FINISHED = "switchboard.runs.finished";
    public static final String RUNS_CONTROL = "switchboard.runs.control";
    public static final String REGISTRY_CHANGES = "switchboard.registry.changes";
    public static final String SECRETS_CHANGES = "switchboard.secrets.changes";

    private static final Duration WEEK = Duration.ofDays(7);

    private static final List<TopicSpec> MAIN = List.of(
            new TopicSpec(RUNS_REQUESTED, 12, false, WEEK),
            new TopicSpec(STEPS_REQUESTED, 12, false, WEEK),
            new TopicSpec(STEPS_COMPLETED, 12, false, WEEK),
            new TopicSpec(RUNS_FINISHED, 12, false, WEEK),
            new TopicSpec(RUNS_CONTROL, 12, false, WEEK),
            // compacted: the latest snapshot per key is the registry's state; retention does not apply
            new TopicSpec(REGISTRY_CHANGES, 3, true, WEEK),
            new TopicSpec(SECRETS_CHANGES, 3, false, WEEK));

    private Topics() {
    }

    /** The dead-letter topic of a topic: records its consumers could not parse or process. */
    public static String dlt(String topic) {
        return topic + ".DLT";
    }

    /** Every topic Switchboard uses, with its dead-letter topic, in a stable order. */
    public static List<TopicSpec> all() {
        List<TopicSpec> all = new ArrayList<>(MAIN);
        for (TopicSpec spec : MAIN) {
            all.add(new TopicSpec(dlt(spec.name()), 1, false, WEEK));
        }
        return List.copyOf(all);
    }

    /** How a topic is created when missing. */
    public record TopicSpec(String name, int partitions, boolean compacted, Duration retention) {
    }
}
