package dev.switchboard.contracts.event;

import java.util.List;

/**
 * Who or what started a run. {@code chainDepth} counts hops from the first run of a chain
 * (0 for a run nobody chained), so chains can be cut at 10; {@code ancestorToolIds} are the tools
 * of the runs before it in its chain, first run first, so a tool that would start a cycle is
 * refused (null for a run nobody chained, and in events written before chains existed).
 */
public record Trigger(TriggerType type, String userId, String chatId, String toolCallId, String parentRunId,
        int chainDepth, List<String> ancestorToolIds) {

    public Trigger {
        ancestorToolIds = ancestorToolIds == null ? null : List.copyOf(ancestorToolIds);
    }

    /** A trigger outside any chain. */
    public Trigger(TriggerType type, String userId, String chatId, String toolCallId, String parentRunId,
            int chainDepth) {
        this(type, userId, chatId, toolCallId, parentRunId, chainDepth, null);
    }

    public static Trigger api(String userId) {
        return new Trigger(TriggerType.API, userId, null, null, null, 0);
    }
}
