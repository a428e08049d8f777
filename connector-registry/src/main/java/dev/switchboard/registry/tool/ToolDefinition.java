package dev.switchboard.registry.tool;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool as users write it (ARCHITECTURE §5): steps over connectors with templates between them.
 * {@code version} is only read on updates, for optimistic locking.
 */
public record ToolDefinition(
        String id,
        String description,
        String instruction,
        ObjectNode inputSchema,
        ObjectNode outputSchema,
        List<StepDefinition> steps,
        String outputTransform,
        Integer concurrency,
        RunDefaults defaultOptions,
        Long version) {

    public List<StepDefinition> stepsOrEmpty() {
        return steps == null ? List.of() : steps;
    }

    ToolDefinition withoutVersion() {
        return new ToolDefinition(id, description, instruction, inputSchema, outputSchema, steps, outputTransform,
                concurrency, defaultOptions, null);
    }

    ToolDefinition withId(String id) {
        return new ToolDefinition(id, description, instruction, inputSchema, outputSchema, steps, outputTransform,
                concurrency, defaultOptions, version);
    }

    /** Options for runs that give none: where to send the result, and how long a run may take. */
    public record RunDefaults(String webhookUrl, String chainOn, List<String> chain, Long timeoutMs) {
    }
}
