package dev.switchboard.registry.openapi;

import dev.switchboard.contracts.agent.BoundedNames;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names operations the way §5a says: the operationId made safe ({@code [a-z0-9_]}, camelCase to
 * snake_case), else method and path; unique within the spec; at most 64 characters, shortened
 * with a hash suffix so the same spec always yields the same names.
 */
final class OperationNamer {

    static final int MAX = 64;

    private final Set<String> taken = new HashSet<>();

    String name(String operationId, String method, String path) {
        String base = operationId == null ? "" : safe(operationId);
        if (base.isEmpty()) {
            base = safe(method + "_" + path);
        }
        String name = fit(base);
        for (int n = 2; taken.contains(name); n++) {
            name = fit(base + "_" + n);
        }
        taken.add(name);
        return name;
    }

    static String safe(String text) {
        String snake = text
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("_+", "_");
        return snake.replaceAll("^_|_$", "");
    }

    private static String fit(String name) {
        return BoundedNames.fit(name, MAX);
    }
}
