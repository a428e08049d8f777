package dev.switchboard.contracts.agent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connector operation an agent may call, as a model sees it and as the orchestrator runs it.
 *
 * @param name        {@code connector__{ns}__{name}__{op}}, at most 64 characters
 * @param connector   the connector's {@code namespace/name}
 * @param operation   the operation's name in the connector
 * @param declared    the operation as the connector declares it (its full parameter schema included)
 * @param locked      the agent's locked parameters for it, as configured ({@code {{ var }}} not yet filled)
 * @param inputSchema what the model sees: the parameter schema without the locked ones and our keywords
 */
public record AgentFunction(String name, String description, String connector, String operation, JsonNode declared,
        ObjectNode locked, ObjectNode inputSchema) {

    /** The operation's full parameter schema (an empty object schema when it declares none). */
    public JsonNode parameterSchema() {
        JsonNode schema = declared.get("parameters");
        return schema == null || schema.isNull() ? JsonNodeFactory.instance.objectNode().put("type", "object") : schema;
    }

    /** OpenAI's {@code {type: function, function: {name, description, parameters}}}. */
    public ObjectNode openAiSpec() {
        ObjectNode spec = JsonNodeFactory.instance.objectNode().put("type", "function");
        ObjectNode function = spec.putObject("function");
        function.put("name", name).put("description", description).set("parameters", inputSchema.deepCopy());
        return spec;
    }

    /** An entry of MCP's {@code tools/list}: {@code {name, description, inputSchema}}. */
    public ObjectNode mcpSpec() {
        ObjectNode spec = JsonNodeFactory.instance.objectNode().put("name", name).put("description", description);
        spec.set("inputSchema", inputSchema.deepCopy());
        return spec;
    }
}
