package dev.switchboard.registry.openapi;

import dev.switchboard.registry.connector.ConnectorService;
import dev.switchboard.registry.connector.OperationDefinition;
import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.InvalidDefinitionException;
import dev.switchboard.registry.definition.StoredDefinition;
import dev.switchboard.registry.security.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Parses a spec and merges its operations into a connector: imported operations replace those
 * of the same name, others are added; {@code replace} drops the connector's operations that the
 * spec does not have; {@code operations} picks a subset of the spec's.
 */
@Service
class OpenApiImporter {

    private final OpenApiParser parser;
    private final SpecFetcher fetcher;
    private final ConnectorService connectors;

    OpenApiImporter(OpenApiParser parser, SpecFetcher fetcher, ConnectorService connectors) {
        this.parser = parser;
        this.fetcher = fetcher;
        this.connectors = connectors;
    }

    ParsedSpec parse(SpecRequest request) {
        return parser.parse(request.spec() != null ? request.spec() : fetcher.fetch(request.url()));
    }

    ImportResult importInto(String namespace, String name, SpecRequest request, Caller caller) {
        StoredDefinition stored = connectors.get(namespace, name);
        ParsedSpec spec = parse(request);
        List<OperationDefinition> chosen = chosen(spec, request.operations());
        Map<String, OperationDefinition> merged = new LinkedHashMap<>();
        if (!request.replace()) {
            connectors.definition(stored).operationsOrEmpty().forEach(op -> merged.put(op.name(), op));
        }
        chosen.forEach(op -> merged.put(op.name(), op));
        Set<String> kept = merged.keySet();
        List<String> removed = connectors.definition(stored).operationsOrEmpty().stream()
                .map(OperationDefinition::name).filter(n -> !kept.contains(n)).toList();
        StoredDefinition saved = connectors.replaceOperations(namespace, name, new ArrayList<>(merged.values()),
                stored.version(), caller);
        return new ImportResult(saved.view(), chosen.stream().map(OperationDefinition::name).toList(), removed,
                spec.warnings());
    }

    private static List<OperationDefinition> chosen(ParsedSpec spec, List<String> wanted) {
        if (wanted == null) {
            return spec.operations();
        }
        Set<String> available = new java.util.HashSet<>(spec.operations().stream().map(OperationDefinition::name)
                .toList());
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (!available.contains(wanted.get(i))) {
                unknown.add(FieldError.of("operations[" + i + "]", "the spec has no operation '" + wanted.get(i)
                        + "'; parse-openapi lists the names"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidDefinitionException(unknown);
        }
        return spec.operations().stream().filter(op -> wanted.contains(op.name())).toList();
    }

    record ImportResult(tools.jackson.databind.node.ObjectNode connector, List<String> imported,
            List<String> removed, List<String> warnings) {
    }
}
