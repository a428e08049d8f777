package dev.switchboard.orchestrator.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How deep and how large free-form JSON from a request (a run's inputs, an approval's input, a
 * tool call's arguments, a connector test's parameters) may be.
 *
 * <p>Depth. A run's inputs and an approval's input travel
 * on inside events and run documents, a few levels deeper than they came; Jackson refuses to write
 * past 500 levels, so input that was just readable could be stored and then neither published nor
 * shown (the bad-input sweep stored an approval input 499 arrays deep, and every GET of the run
 * failed after). Real payloads stay far below {@value #MAX_DEPTH}; MongoDB itself stops at 100.
 */
public final class InputLimits {

    public static final int MAX_DEPTH = 64;
    /**
     * Size. The JSON travels in RunRequested and StepRequested, whose broker limit is 1 MB: bounded
     * here, a 400 naming the field, not a run stored and then never published (the sweep sent
     * 1.5 MB of credentials to a connector test and got a 500).
     */
    public static final int MAX_CHARS = 256 * 1024;

    private InputLimits() {
    }

    /** Whether {@code node} nests objects and arrays more than {@link #MAX_DEPTH} levels deep. */
    public static boolean tooDeep(JsonNode node) {
        if (node == null || !node.isContainer()) {
            return false;
        }
        // iterative: the point is input deep enough to hurt, recursion must not be what it hurts
        Deque<JsonNode> level = new ArrayDeque<>();
        level.add(node);
        for (int depth = 1; !level.isEmpty(); depth++) {
            if (depth > MAX_DEPTH) {
                return true;
            }
            Deque<JsonNode> next = new ArrayDeque<>();
            for (JsonNode container : level) {
                for (JsonNode child : container) {
                    if (child.isContainer()) {
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        return false;
    }

    public static boolean tooLarge(JsonNode node) {
        return node != null && node.toString().length() > MAX_CHARS;
    }

    /** What is wrong with {@code node}, as a field problem's message, or empty when it is within both limits. */
    public static Optional<String> violation(JsonNode node) {
        if (tooLarge(node)) {
            return Optional.of("must be at most " + MAX_CHARS + " characters of JSON");
        }
        if (tooDeep(node)) {
            return Optional.of("must not nest objects and arrays more than " + MAX_DEPTH + " levels deep");
        }
        return Optional.empty();
    }
}
