package dev.switchboard.registry.definition;

/** The three things the registry stores; each has its own collection and event key prefix. */
public enum Kind {
    CONNECTOR("connectors", "connector"),
    TOOL("tools", "tool"),
    AGENT("agents", "agent");

    private final String collection;
    private final String label;

    Kind(String collection, String label) {
        this.collection = collection;
        this.label = label;
    }

    public String collection() {
        return collection;
    }

    /** How messages and event keys name it: {@code connector}, {@code tool}, {@code agent}. */
    public String label() {
        return label;
    }
}
