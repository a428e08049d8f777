package dev.switchboard.registry.agent;

import dev.switchboard.contracts.agent.AgentTools;
import dev.switchboard.contracts.api.ListPage;
import dev.switchboard.registry.connector.ConnectorDefinition;
import dev.switchboard.registry.connector.ConnectorService;
import dev.switchboard.registry.definition.ApplyOutcome;
import dev.switchboard.registry.definition.DefinitionNotFoundException;
import dev.switchboard.registry.definition.DefinitionStore;
import dev.switchboard.registry.definition.DefinitionWrite;
import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.InvalidDefinitionException;
import dev.switchboard.registry.definition.Kind;
import dev.switchboard.registry.definition.NamespaceOwners;
import dev.switchboard.registry.definition.StoredDefinition;
import dev.switchboard.registry.definition.UpdateIdentity;
import dev.switchboard.registry.security.Caller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Agents: the rules, who may change them (the namespace's owner and admins), storage, tool specs. */
@Service
public class AgentService {

    private final DefinitionStore store;
    private final NamespaceOwners owners;
    private final AgentValidator validator;
    private final ConnectorService connectors;
    private final JsonMapper json;

    AgentService(DefinitionStore store, NamespaceOwners owners, AgentValidator validator, ConnectorService connectors,
            JsonMapper json) {
        this.store = store;
        this.owners = owners;
        this.validator = validator;
        this.connectors = connectors;
        this.json = json;
    }

    public List<FieldError> validate(AgentDefinition agent,
            Function<String, Optional<ConnectorDefinition>> connectorLookup) {
        return validator.validate(agent, connectorLookup);
    }

    StoredDefinition get(String namespace, String name) {
        String ref = namespace + "/" + name;
        return store.find(Kind.AGENT, ref).orElseThrow(() -> new DefinitionNotFoundException(Kind.AGENT, ref));
    }

    ListPage<ObjectNode> list(String namespace, int page, int limit) {
        Criteria filter = namespace == null ? new Criteria() : Criteria.where("namespace").is(namespace);
        ListPage<StoredDefinition> found = store.list(Kind.AGENT, filter, page, limit);
        return ListPage.of(found.data().stream().map(StoredDefinition::view).toList(), page, limit, found.total());
    }

    /** With the orchestrator's code (contracts), so every name listed here is one its tool-calls run. */
    ArrayNode tools(String namespace, String name, String format) {
        return AgentTools.of(get(namespace, name).definition(),
                ref -> store.find(Kind.CONNECTOR, ref).map(StoredDefinition::definition)).specs(format);
    }

    StoredDefinition create(AgentDefinition agent, Caller caller) {
        AgentDefinition checked = checked(agent.withoutVersion());
        owners.claim(checked.namespace(), caller);
        return store.create(write(checked), caller.userId());
    }

    StoredDefinition replace(String namespace, String name, AgentDefinition agent, Caller caller) {
        UpdateIdentity.check(agent.version(), "namespace", namespace, agent.namespace(), "name", name, agent.name());
        owners.checkWrite(namespace, caller);
        AgentDefinition checked = checked(agent.withIdentity(namespace, name));
        return store.update(write(checked.withoutVersion()), agent.version());
    }

    void delete(String namespace, String name, Long expectedVersion, Caller caller) {
        owners.checkWrite(namespace, caller);
        get(namespace, name);
        store.delete(Kind.AGENT, namespace + "/" + name, expectedVersion);
    }

    /** Creates or updates to match {@code agent}, which has already been validated. */
    public ApplyOutcome apply(AgentDefinition agent, Caller caller) {
        owners.claim(agent.namespace(), caller);
        return store.apply(write(agent.withoutVersion()), caller.userId(), existing -> { });
    }

    private AgentDefinition checked(AgentDefinition agent) {
        List<FieldError> errors = validator.validate(agent, connectors::find);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return agent;
    }

    private DefinitionWrite write(AgentDefinition agent) {
        List<String> refs = agent.enabledConnectorsOrEmpty().stream().map(AgentDefinition.EnabledConnector::connector)
                .distinct().toList();
        Map<String, Object> summary = new HashMap<>();
        summary.put("description", agent.description());
        return new DefinitionWrite(Kind.AGENT, agent.ref(), agent.namespace(), agent.name(), json.valueToTree(agent),
                refs, summary);
    }
}
