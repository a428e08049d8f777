package dev.switchboard.contracts.registry;

/** What a {@link RegistryView} just applied; listeners use it to evict caches. */
public record RegistryChange(Kind kind, String key, long version, boolean deleted) {

    public enum Kind {
        CONNECTOR, TOOL, AGENT
    }
}
