package dev.switchboard.registry.connector;

import dev.switchboard.contracts.api.ListPage;
import dev.switchboard.registry.definition.ApplyOutcome;
import dev.switchboard.registry.definition.DefinitionConflictException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Connectors: the rules, who may change them, and their storage. The one entry to this feature. */
@Service
public class ConnectorService {

    private final DefinitionStore store;
    private final NamespaceOwners owners;
    private final ConnectorValidator validator;
    private final JsonMapper json;

    ConnectorService(DefinitionStore store, NamespaceOwners owners, ConnectorValidator validator, JsonMapper json) {
        this.store = store;
        this.owners = owners;
        this.validator = validator;
        this.json = json;
    }

    public List<FieldError> validate(ConnectorDefinition connector) {
        return validator.validate(connector);
    }

    public Optional<ConnectorDefinition> find(String ref) {
        return store.find(Kind.CONNECTOR, ref).map(this::definition);
    }

    public StoredDefinition get(String namespace, String name) {
        return store.find(Kind.CONNECTOR, namespace + "/" + name)
                .orElseThrow(() -> new DefinitionNotFoundException(Kind.CONNECTOR, namespace + "/" + name));
    }

    public ConnectorDefinition definition(StoredDefinition stored) {
        return json.treeToValue(stored.definition(), ConnectorDefinition.class);
    }

    /**
     * {@code q} finds connectors whose {@code namespace/name} or a description (the connector's or
     * an operation's) contains it, in any case. It is taken as text, never as a pattern, so a search
     * cannot be a costly regular expression.
     */
    ListPage<ObjectNode> list(String namespace, String q, int page, int limit) {
        List<Criteria> parts = new ArrayList<>();
        if (namespace != null) {
            parts.add(Criteria.where("namespace").is(namespace));
        }
        if (q != null && !q.isBlank()) {
            String text = q.strip();
            // the definition is stored as compact JSON text: look inside its description strings
            String asJson = json.writeValueAsString(text);
            Pattern inDescription = Pattern.compile("\"description\":\"[^\"]*"
                    + Pattern.quote(asJson.substring(1, asJson.length() - 1)), Pattern.CASE_INSENSITIVE);
            parts.add(new Criteria().orOperator(
                    Criteria.where("_id").regex(Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE)),
                    Criteria.where("definition").regex(inDescription)));
        }
        Criteria filter = parts.isEmpty() ? new Criteria() : new Criteria().andOperator(parts);
        ListPage<StoredDefinition> found = store.list(Kind.CONNECTOR, filter, page, limit);
        return ListPage.of(found.data().stream().map(this::summary).toList(), page, limit, found.total());
    }

    public StoredDefinition create(ConnectorDefinition connector, Caller caller) {
        ConnectorDefinition checked = checked(connector.withoutVersion());
        owners.claim(checked.namespace(), caller);
        return store.create(write(checked), caller.userId());
    }

    /** PUT: the body replaces the connector at the version it was read at. */
    StoredDefinition replace(String namespace, String name, ConnectorDefinition connector, Caller caller) {
        UpdateIdentity.check(connector.version(), "namespace", namespace, connector.namespace(), "name", name,
                connector.name());
        owners.checkWrite(namespace, caller);
        ConnectorDefinition checked = checked(connector.withIdentity(namespace, name));
        return store.update(write(checked.withoutVersion()), connector.version());
    }

    /** Saves operations produced elsewhere (OpenAPI import) into an existing connector. */
    public StoredDefinition replaceOperations(String namespace, String name, List<OperationDefinition> operations,
            long expectedVersion, Caller caller) {
        owners.checkWrite(namespace, caller);
        StoredDefinition stored = get(namespace, name);
        ConnectorDefinition checked = checked(definition(stored).withOperations(operations));
        return store.update(write(checked), expectedVersion);
    }

    void delete(String namespace, String name, Long expectedVersion, Caller caller) {
        String ref = namespace + "/" + name;
        owners.checkWrite(namespace, caller);
        get(namespace, name);
        List<String> users = new ArrayList<>();
        store.referencing(Kind.TOOL, ref).forEach(id -> users.add("tool " + id));
        store.referencing(Kind.AGENT, ref).forEach(id -> users.add("agent " + id));
        if (!users.isEmpty()) {
            throw new DefinitionConflictException("The connector '" + ref + "' is used by " + String.join(", ", users)
                    + "; change or delete those first.");
        }
        store.delete(Kind.CONNECTOR, ref, expectedVersion);
    }

    /** Creates or updates to match {@code connector}, which has already been validated. */
    public ApplyOutcome apply(ConnectorDefinition connector, Caller caller) {
        owners.claim(connector.namespace(), caller);
        return store.apply(write(connector.withoutVersion()), caller.userId(), existing -> { });
    }

    private ConnectorDefinition checked(ConnectorDefinition connector) {
        List<FieldError> errors = validator.validate(connector);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return connector;
    }

    private DefinitionWrite write(ConnectorDefinition connector) {
        Map<String, Object> summary = new HashMap<>();
        summary.put("type", connector.type());
        summary.put("baseUrl", connector.baseUrl());
        summary.put("description", connector.description());
        return new DefinitionWrite(Kind.CONNECTOR, connector.ref(), connector.namespace(), connector.name(),
                normalised(connector), List.of(), summary);
    }

    private ObjectNode normalised(ConnectorDefinition connector) {
        return json.valueToTree(connector.withoutVersion());
    }

    private ObjectNode summary(StoredDefinition stored) {
        ObjectNode def = stored.definition();
        ObjectNode summary = json.createObjectNode();
        summary.put("namespace", stored.namespace());
        summary.put("name", stored.name());
        for (String field : List.of("description", "type", "baseUrl")) {
            if (def.has(field)) {
                summary.set(field, def.get(field));
            }
        }
        var operations = summary.putArray("operations");
        def.path("operations").forEach(op -> operations.add(op.path("name").asString()));
        summary.put("version", stored.version());
        summary.put("updatedAt", stored.updatedAt().toString());
        return summary;
    }
}
