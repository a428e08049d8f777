package dev.switchboard.contracts.event;

/** What started a run. */
public enum TriggerType {
    API, WEBHOOK, SCHEDULE, AGENT, MANUAL, CHAIN
}
