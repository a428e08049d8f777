package dev.switchboard.registry.apply;

import dev.switchboard.registry.agent.AgentDefinition;
import dev.switchboard.registry.agent.AgentService;
import dev.switchboard.registry.connector.ConnectorDefinition;
import dev.switchboard.registry.connector.ConnectorService;
import dev.switchboard.registry.definition.BodyReadErrors;
import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.InvalidDefinitionException;
import dev.switchboard.registry.definition.NamespaceOwners;
import dev.switchboard.registry.security.Caller;
import dev.switchboard.registry.tool.ToolDefinition;
import dev.switchboard.registry.tool.ToolService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a document of connectors, tools and agents: everything is read, validated and
 * authorised first, and nothing is written unless every item passes. Tools and agents may use
 * connectors defined in the same document. Items are then written connectors first, so what a
 * tool references exists by the time the tool's change is published.
 */
@Service
class ApplyService {

    private final ConnectorService connectors;
    private final ToolService tools;
    private final AgentService agents;
    private final NamespaceOwners owners;
    private final JsonMapper json;

    ApplyService(ConnectorService connectors, ToolService tools, AgentService agents, NamespaceOwners owners,
            JsonMapper json) {
        this.connectors = connectors;
        this.tools = tools;
        this.agents = agents;
        this.owners = owners;
        this.json = json;
    }

    ApplyResult apply(ApplyDocument document, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        Map<String, ConnectorDefinition> batch = new LinkedHashMap<>();
        List<ConnectorDefinition> connectorItems = read(ApplyDocument.orEmpty(document.connectors()),
                ConnectorDefinition.class, "connector", errors);
        for (ConnectorDefinition c : connectorItems) {
            String ref = "connector:" + c.ref();
            unique(ref, refs, errors);
            connectors.validate(c).forEach(e -> errors.add(e.in(ref)));
            batch.put(c.ref(), c);
        }
        Function<String, Optional<ConnectorDefinition>> lookup = ref -> batch.containsKey(ref)
                ? Optional.of(batch.get(ref)) : connectors.find(ref);
        List<ToolDefinition> toolItems = read(ApplyDocument.orEmpty(document.tools()), ToolDefinition.class, "tool",
                errors);
        for (ToolDefinition t : toolItems) {
            String ref = "tool:" + t.id();
            unique(ref, refs, errors);
            tools.validate(t, lookup).forEach(e -> errors.add(e.in(ref)));
        }
        List<AgentDefinition> agentItems = read(ApplyDocument.orEmpty(document.agents()), AgentDefinition.class,
                "agent", errors);
        for (AgentDefinition a : agentItems) {
            String ref = "agent:" + a.ref();
            unique(ref, refs, errors);
            agents.validate(a, lookup).forEach(e -> errors.add(e.in(ref)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        authorise(connectorItems, toolItems, agentItems, caller);

        List<ApplyResult.Item> items = new ArrayList<>();
        connectorItems.forEach(c -> items.add(new ApplyResult.Item("connector", c.ref(), connectors.apply(c, caller))));
        toolItems.forEach(t -> items.add(new ApplyResult.Item("tool", t.id(), tools.apply(t, caller))));
        agentItems.forEach(a -> items.add(new ApplyResult.Item("agent", a.ref(), agents.apply(a, caller))));
        return new ApplyResult(items);
    }

    /** Refuses the whole document (403) before anything is written if any item is not the caller's to change. */
    private void authorise(List<ConnectorDefinition> connectorItems, List<ToolDefinition> toolItems,
            List<AgentDefinition> agentItems, Caller caller) {
        connectorItems.forEach(c -> owners.checkWrite(c.namespace(), caller));
        agentItems.forEach(a -> owners.checkWrite(a.namespace(), caller));
        toolItems.forEach(t -> tools.find(t.id()).ifPresent(stored -> tools.checkWrite(stored, caller)));
    }

    private <T> List<T> read(List<JsonNode> nodes, Class<T> type, String kind, List<FieldError> errors) {
        List<T> items = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String ref = kind + ":" + describe(node, i);
            if (node == null || !node.isObject()) {
                errors.add(new FieldError(ref, "", "must be an object"));
                continue;
            }
            try {
                items.add(json.treeToValue(node, type));
            } catch (JacksonException e) {
                errors.add(BodyReadErrors.toFieldError(e).in(ref));
            }
        }
        return items;
    }

    /** How an item is named in errors, even when it cannot be read: its ref, else its position. */
    private static String describe(JsonNode node, int index) {
        if (node != null && node.path("id").isString()) {
            return node.get("id").asString();
        }
        if (node != null && node.path("namespace").isString() && node.path("name").isString()) {
            return node.get("namespace").asString() + "/" + node.get("name").asString();
        }
        return "#" + index;
    }

    private static void unique(String ref, Set<String> seen, List<FieldError> errors) {
        if (!seen.add(ref)) {
            errors.add(new FieldError(ref, "", "appears more than once in the document"));
        }
    }
}
