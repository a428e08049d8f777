package dev.switchboard.registry.agent;

import dev.switchboard.contracts.agent.AgentVariables;
import dev.switchboard.registry.agent.AgentDefinition.EnabledConnector;
import dev.switchboard.registry.connector.ConnectorDefinition;
import dev.switchboard.registry.connector.OperationDefinition;
import dev.switchboard.registry.definition.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Every rule an agent must meet before it is stored; connectors and operations must exist. */
@Component
class AgentValidator {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    List<FieldError> validate(AgentDefinition agent, Function<String, Optional<ConnectorDefinition>> connectors) {
        List<FieldError> errors = new ArrayList<>();
        name(errors, "namespace", agent.namespace());
        name(errors, "name", agent.name());
        Map<String, JsonNode> variables = agent.variables() == null ? Map.of() : agent.variables();
        variables.keySet().stream().filter(v -> !VARIABLE_NAME.matcher(v).matches()).forEach(v ->
                errors.add(FieldError.of("variables." + v, "must be an identifier (letters, digits, '_')")));
        if (agent.enabledConnectors() == null) {
            errors.add(FieldError.of("enabledConnectors", "is required (a list, possibly empty)"));
        }
        Set<String> seen = new HashSet<>();
        List<EnabledConnector> enabled = agent.enabledConnectorsOrEmpty();
        for (int i = 0; i < enabled.size(); i++) {
            String at = "enabledConnectors[" + i + "]";
            EnabledConnector entry = enabled.get(i);
            if (entry == null || entry.connector() == null) {
                errors.add(FieldError.of(at + ".connector", "is required (namespace/name)"));
                continue;
            }
            if (!seen.add(entry.connector())) {
                errors.add(FieldError.of(at + ".connector", "'" + entry.connector() + "' is listed twice"));
            }
            Optional<ConnectorDefinition> connector = connectors.apply(entry.connector());
            if (connector.isEmpty()) {
                errors.add(FieldError.of(at + ".connector", "no connector '" + entry.connector() + "'"));
                continue;
            }
            enabledConnector(errors, at, entry, connector.get(), variables.keySet());
        }
        return errors;
    }

    private static void enabledConnector(List<FieldError> errors, String at, EnabledConnector entry,
            ConnectorDefinition connector, Set<String> variables) {
        Map<String, OperationDefinition> operations = connector.operationsOrEmpty().stream()
                .collect(Collectors.toMap(OperationDefinition::name, op -> op, (a, b) -> a));
        List<String> subset = entry.operationsOrEmpty();
        for (int j = 0; j < subset.size(); j++) {
            if (!operations.containsKey(subset.get(j))) {
                errors.add(FieldError.of(at + ".operations[" + j + "]", "connector '" + entry.connector()
                        + "' has no operation '" + subset.get(j) + "'"));
            }
        }
        if (entry.parameters() == null) {
            return;
        }
        entry.parameters().forEach((opName, locked) -> {
            String field = at + ".parameters." + opName;
            OperationDefinition op = operations.get(opName);
            if (op == null || (!subset.isEmpty() && !subset.contains(opName))) {
                errors.add(FieldError.of(field, "is not an operation this agent may call"));
                return;
            }
            if (locked == null) {
                errors.add(FieldError.of(field, "must be an object of parameter values"));
                return;
            }
            JsonNode properties = op.parameters() == null ? null : op.parameters().get("properties");
            for (String param : locked.propertyNames()) {
                if (properties == null || !properties.has(param)) {
                    errors.add(FieldError.of(field + "." + param, "operation '" + opName + "' has no parameter '"
                            + param + "'"));
                }
                JsonNode value = locked.get(param);
                if (value.isString()) {
                    // the orchestrator fills them with the same pattern (contracts), so what passes here fills there
                    for (String variable : AgentVariables.references(value.asString())) {
                        if (!variables.contains(variable)) {
                            errors.add(FieldError.of(field + "." + param, "refers to the variable '" + variable
                                    + "', which the agent's variables do not define"));
                        }
                    }
                }
            }
        });
    }

    private static void name(List<FieldError> errors, String field, String value) {
        if (value == null || value.isEmpty()) {
            errors.add(FieldError.of(field, "is required"));
        } else if (!NAME.matcher(value).matches()) {
            errors.add(FieldError.of(field, "must be 1-64 lowercase letters, digits, '-' or '_'"));
        }
    }
}
