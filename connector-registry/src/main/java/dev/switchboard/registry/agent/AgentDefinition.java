package dev.switchboard.registry.agent;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An agent's tool configuration (ARCHITECTURE §4): which connector operations a model may call,
 * and parameters locked to fixed values or to the agent's {@code variables}
 * ({@code "{{ default_channel }}"}), which the model neither sees nor overrides.
 */
public record AgentDefinition(
        String namespace,
        String name,
        String description,
        Map<String, JsonNode> variables,
        List<EnabledConnector> enabledConnectors,
        Long version) {

    public String ref() {
        return namespace + "/" + name;
    }

    public List<EnabledConnector> enabledConnectorsOrEmpty() {
        return enabledConnectors == null ? List.of() : enabledConnectors;
    }

    AgentDefinition withoutVersion() {
        return new AgentDefinition(namespace, name, description, variables, enabledConnectors, null);
    }

    AgentDefinition withIdentity(String namespace, String name) {
        return new AgentDefinition(namespace, name, description, variables, enabledConnectors, version);
    }

    /**
     * @param operations the subset the agent may call; empty or absent means all
     * @param parameters per operation, the parameters locked to a value
     */
    public record EnabledConnector(String connector, List<String> operations, Map<String, ObjectNode> parameters) {

        public List<String> operationsOrEmpty() {
            return operations == null ? List.of() : operations;
        }
    }
}
