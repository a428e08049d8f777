package dev.switchboard.contracts.event;

/** Why a run failed: the failing step's code, and where. */
public record RunError(String code, String message, String stepId, Integer itemIndex) {
}
