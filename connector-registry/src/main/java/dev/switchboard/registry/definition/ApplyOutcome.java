package dev.switchboard.registry.definition;

/** What apply did to one item. */
public enum ApplyOutcome {
    created, updated, unchanged
}
