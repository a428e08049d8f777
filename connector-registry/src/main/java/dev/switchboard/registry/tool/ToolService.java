package dev.switchboard.registry.tool;

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
import dev.switchboard.registry.definition.StoredDefinition;
import dev.switchboard.registry.definition.UpdateIdentity;
import dev.switchboard.registry.definition.WriteForbiddenException;
import dev.switchboard.registry.security.Caller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Tools: the rules, who may change them (their creator and admins), and their storage. */
@Service
public class ToolService {

    private final DefinitionStore store;
    private final ToolValidator validator;
    private final ConnectorService connectors;
    private final JsonMapper json;

    ToolService(DefinitionStore store, ToolValidator validator, ConnectorService connectors, JsonMapper json) {
        this.store = store;
        this.validator = validator;
        this.connectors = connectors;
        this.json = json;
    }

    /** Validates against the stored connectors, or those {@code connectorLookup} knows (apply's batch). */
    public List<FieldError> validate(ToolDefinition tool, Function<String, Optional<ConnectorDefinition>> connectorLookup) {
        return validator.validate(tool, connectorLookup);
    }

    public Optional<StoredDefinition> find(String id) {
        return store.find(Kind.TOOL, id);
    }

    StoredDefinition get(String id) {
        return store.find(Kind.TOOL, id).orElseThrow(() -> new DefinitionNotFoundException(Kind.TOOL, id));
    }

    ListPage<ObjectNode> list(int page, int limit) {
        ListPage<StoredDefinition> found = store.list(Kind.TOOL, new Criteria(), page, limit);
        return ListPage.of(found.data().stream().map(this::summary).toList(), page, limit, found.total());
    }

    StoredDefinition create(ToolDefinition tool, Caller caller) {
        ToolDefinition checked = checked(tool.withoutVersion());
        return store.create(write(checked), caller.userId());
    }

    StoredDefinition replace(String id, ToolDefinition tool, Caller caller) {
        UpdateIdentity.check(tool.version(), "id", id, tool.id());
        checkWrite(get(id), caller);
        ToolDefinition checked = checked(tool.withId(id));
        return store.update(write(checked.withoutVersion()), tool.version());
    }

    void delete(String id, Long expectedVersion, Caller caller) {
        checkWrite(get(id), caller);
        store.delete(Kind.TOOL, id, expectedVersion);
    }

    /** Creates or updates to match {@code tool}, which has already been validated. */
    public ApplyOutcome apply(ToolDefinition tool, Caller caller) {
        return store.apply(write(tool.withoutVersion()), caller.userId(), existing -> checkWrite(existing, caller));
    }

    /** Refuses with 403 unless the caller created the tool or is an admin. */
    public void checkWrite(StoredDefinition tool, Caller caller) {
        if (!caller.admin() && !Objects.equals(tool.createdBy(), caller.userId())) {
            throw new WriteForbiddenException("The tool '" + tool.ref() + "' belongs to another user; only its"
                    + " creator and admins may change it.");
        }
    }

    private ToolDefinition checked(ToolDefinition tool) {
        List<FieldError> errors = validator.validate(tool, connectors::find);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return tool;
    }

    private DefinitionWrite write(ToolDefinition tool) {
        List<String> refs = tool.stepsOrEmpty().stream().map(StepDefinition::connector).filter(Objects::nonNull)
                .distinct().toList();
        Map<String, Object> summary = new HashMap<>();
        summary.put("description", tool.description());
        return new DefinitionWrite(Kind.TOOL, tool.id(), null, tool.id(), json.valueToTree(tool), refs, summary);
    }

    private ObjectNode summary(StoredDefinition stored) {
        ObjectNode def = stored.definition();
        ObjectNode summary = json.createObjectNode();
        summary.put("id", stored.ref());
        if (def.has("description")) {
            summary.set("description", def.get("description"));
        }
        var steps = summary.putArray("steps");
        def.path("steps").forEach(step -> steps.add(step.path("id").asString()));
        var used = summary.putArray("connectors");
        stored.refs().forEach(used::add);
        summary.put("version", stored.version());
        summary.put("createdBy", stored.createdBy());
        summary.put("updatedAt", stored.updatedAt().toString());
        return summary;
    }
}
