package dev.switchboard.contracts.event;

/**
 * Who or what started a run. {@code chainDepth} counts hops from the first run of a chain
 * (0 for a run nobody chained), so chains can be cut at 10.
 */
public record Trigger(TriggerType type, String userId, String chatId, String toolCallId, String parentRunId,
        int chainDepth) {

    public static Trigger api(String userId) {
        return new Trigger(TriggerType.API, userId, null, null, null, 0);
    }
}
