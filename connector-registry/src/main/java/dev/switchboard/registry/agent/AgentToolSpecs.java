package dev.switchboard.registry.agent;

import dev.switchboard.registry.agent.AgentDefinition.EnabledConnector;
import dev.switchboard.registry.connector.ConnectorDefinition;
import dev.switchboard.registry.connector.OperationDefinition;
import dev.switchboard.registry.definition.BoundedNames;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an agent's enabled operations into function-calling specs, in OpenAI's {@code tools}
 * shape or MCP's {@code tools/list} shape. Locked parameters are removed from the schema, so the
 * model neither sees nor fills them, and our own keywords ({@code in}) are stripped.
 */
final class AgentToolSpecs {

    /** OpenAI and MCP clients refuse function names over 64 characters. */
    static final int MAX_NAME = 64;
    private static final Set<String> OUR_KEYWORDS = Set.of("in", "x-whole-body");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AgentToolSpecs() {
    }

    static ArrayNode specs(AgentDefinition agent, Function<String, Optional<ConnectorDefinition>> connectors,
            String format) {
        ArrayNode tools = NODES.arrayNode();
        for (EnabledConnector entry : agent.enabledConnectorsOrEmpty()) {
            Optional<ConnectorDefinition> connector = connectors.apply(entry.connector());
            if (connector.isEmpty()) {
                continue;
            }
            for (OperationDefinition op : connector.get().operationsOrEmpty()) {
                if (!entry.operationsOrEmpty().isEmpty() && !entry.operationsOrEmpty().contains(op.name())) {
                    continue;
                }
                ObjectNode locked = entry.parameters() == null ? null : entry.parameters().get(op.name());
                tools.add(spec(connector.get(), op, locked, format));
            }
        }
        return tools;
    }

    /** {@code connector__{ns}__{name}__{op}}, shortened deterministically when longer than 64. */
    static String functionName(String namespace, String name, String operation) {
        return BoundedNames.fit("connector__" + namespace + "__" + name + "__" + operation, MAX_NAME);
    }

    private static ObjectNode spec(ConnectorDefinition connector, OperationDefinition op, ObjectNode locked,
            String format) {
        String name = functionName(connector.namespace(), connector.name(), op.name());
        String description = op.description() != null ? op.description()
                : (op.method() == null ? op.name() : op.method() + " " + op.path()) + " on " + connector.ref();
        ObjectNode schema = modelSchema(op.parameters(), locked == null ? Set.of() : Set.copyOf(locked.propertyNames()));
        ObjectNode spec = NODES.objectNode();
        if ("mcp".equals(format)) {
            spec.put("name", name).put("description", description).set("inputSchema", schema);
            return spec;
        }
        ObjectNode function = spec.put("type", "function").putObject("function");
        function.put("name", name).put("description", description).set("parameters", schema);
        return spec;
    }

    private static ObjectNode modelSchema(ObjectNode parameters, Set<String> locked) {
        ObjectNode schema = parameters == null ? NODES.objectNode().put("type", "object") : parameters.deepCopy();
        if (schema.get("properties") instanceof ObjectNode properties) {
            locked.forEach(properties::remove);
            for (String property : properties.propertyNames()) {
                if (properties.get(property) instanceof ObjectNode p) {
                    OUR_KEYWORDS.forEach(p::remove);
                }
            }
        } else {
            schema.putObject("properties");
        }
        if (schema.get("required") instanceof ArrayNode required) {
            ArrayNode kept = NODES.arrayNode();
            for (JsonNode r : required) {
                if (!locked.contains(r.asString())) {
                    kept.add(r);
                }
            }
            schema.set("required", kept);
        }
        return schema;
    }

}
