package dev.switchboard.orchestrator.ops;

import dev.switchboard.contracts.Topics;
import java.util.List;

/** Which names the ops endpoints accept: Switchboard's own topics and nothing else on the cluster. */
final class SwitchboardTopic {

    private static final List<String> NAMES = Topics.all().stream().map(Topics.TopicSpec::name).toList();

    private SwitchboardTopic() {
    }

    static List<String> names() {
        return NAMES;
    }

    /**
     * The dead-letter topic meant by {@code name}: a main topic names its DLT, a DLT itself.
     *
     * @throws OpsRequestException when it is not a Switchboard topic
     */
    static String deadLetterTopicOf(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw OpsRequestException.notFound("topic", "'" + name + "' is not a Switchboard topic; known: " + NAMES);
        }
        return isDeadLetterTopic(name) ? name : Topics.dlt(name);
    }

    static boolean isDeadLetterTopic(String name) {
        return name.endsWith(".DLT");
    }

    /** The topic a dead letter came from, when its header is missing. */
    static String originalOf(String deadLetterTopic) {
        return deadLetterTopic.substring(0, deadLetterTopic.length() - ".DLT".length());
    }
}
