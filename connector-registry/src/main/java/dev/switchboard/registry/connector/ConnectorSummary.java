package dev.switchboard.registry.connector;

import java.time.Instant;

/** What a connector list shows. */
record ConnectorSummary(String namespace, String name, String description, String type, String baseUrl,
        Long version, Instant updatedAt) {

    static ConnectorSummary of(ConnectorDocument doc) {
        return new ConnectorSummary(doc.namespace(), doc.name(), doc.description(), doc.type(), doc.baseUrl(),
                doc.version(), doc.updatedAt());
    }
}
