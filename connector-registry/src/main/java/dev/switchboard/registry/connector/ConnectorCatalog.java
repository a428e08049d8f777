package dev.switchboard.registry.connector;

import dev.switchboard.contracts.api.ListPage;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/** Reads connectors; the one place the controller goes through to reach the store. */
@Service
class ConnectorCatalog {

    private static final Sort BY_REF = Sort.by("namespace", "name");

    private final ConnectorRepository repository;

    ConnectorCatalog(ConnectorRepository repository) {
        this.repository = repository;
    }

    ListPage<ConnectorSummary> list(String namespace, int page, int limit) {
        PageRequest request = PageRequest.of(page - 1, limit, BY_REF);
        Page<ConnectorDocument> found = namespace == null
                ? repository.findAll(request)
                : repository.findByNamespace(namespace, request);
        return ListPage.of(found.map(ConnectorSummary::of).getContent(), page, limit, found.getTotalElements());
    }
}
