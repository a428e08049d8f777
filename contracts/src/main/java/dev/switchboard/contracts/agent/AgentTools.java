package dev.switchboard.contracts.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The functions an agent offers a model, built from the agent's and its connectors' JSON (the
 * registry's stored definitions, or the snapshots of the registry topic): the registry lists them
 * ({@code GET /agents/{ns}/{name}/tools}) and the orchestrator resolves a called name with the
 * same code, so a name the one hands out is always a name the other runs. Locked parameters are
 * removed from the schema the model sees, and our own keywords ({@code in}) are stripped.
 */
public final class AgentTools {

    /** OpenAI and MCP clients refuse function names over 64 characters. */
    public static final int MAX_NAME = 64;
    public static final String OPENAI = "openai";
    public static final String MCP = "mcp";
    private static final Set<String> OUR_KEYWORDS = Set.of("in", "x-whole-body");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<AgentFunction> functions;

    private AgentTools(List<AgentFunction> functions) {
        this.functions = List.copyOf(functions);
    }

    /**
     * @param agent      the agent's JSON: {@code enabledConnectors[] {connector, operations[], parameters}}
     * @param connectors a connector's JSON by {@code namespace/name}; an unknown one offers nothing
     */
    public static AgentTools of(JsonNode agent, Function<String, Optional<JsonNode>> connectors) {
        List<AgentFunction> functions = new ArrayList<>();
        for (JsonNode entry : agent.path("enabledConnectors")) {
            String ref = entry.path("connector").asString(null);
            Optional<JsonNode> connector = ref == null ? Optional.empty() : connectors.apply(ref);
            if (connector.isEmpty()) {
                continue;
            }
            List<String> subset = new ArrayList<>();
            entry.path("operations").forEach(op -> subset.add(op.asString()));
            for (JsonNode op : connector.get().path("operations")) {
                String opName = op.path("name").asString(null);
                if (opName == null || (!subset.isEmpty() && !subset.contains(opName))) {
                    continue;
                }
                JsonNode locked = entry.path("parameters").get(opName);
                functions.add(function(connector.get(), op, locked instanceof ObjectNode o ? o : NODES.objectNode()));
            }
        }
        return new AgentTools(functions);
    }

    public List<AgentFunction> functions() {
        return functions;
    }

    /** The function a model called by {@code name}; empty when this agent offers none by that name. */
    public Optional<AgentFunction> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Every function as a spec in {@link #OPENAI}'s or {@link #MCP}'s shape. */
    public ArrayNode specs(String format) {
        ArrayNode specs = NODES.arrayNode();
        functions.forEach(f -> specs.add(MCP.equals(format) ? f.mcpSpec() : f.openAiSpec()));
        return specs;
    }

    /** {@code connector__{ns}__{name}__{op}}, shortened deterministically when longer than 64. */
    public static String functionName(String namespace, String name, String operation) {
        return BoundedNames.fit("connector__" + namespace + "__" + name + "__" + operation, MAX_NAME);
    }

    private static AgentFunction function(JsonNode connector, JsonNode op, ObjectNode locked) {
        String namespace = connector.path("namespace").asString();
        String name = connector.path("name").asString();
        String ref = namespace + "/" + name;
        String opName = op.path("name").asString();
        String method = op.path("method").asString(null);
        String description = op.path("description").asString(null);
        if (description == null) {
            description = (method == null ? opName : method + " " + op.path("path").asString("")) + " on " + ref;
        }
        return new AgentFunction(functionName(namespace, name, opName), description, ref, opName, op, locked,
                modelSchema(op.get("parameters"), Set.copyOf(locked.propertyNames())));
    }

    private static ObjectNode modelSchema(JsonNode parameters, Set<String> locked) {
        ObjectNode schema = parameters instanceof ObjectNode p ? p.deepCopy() : NODES.objectNode().put("type", "object");
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
