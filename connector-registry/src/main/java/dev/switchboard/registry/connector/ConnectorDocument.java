package dev.switchboard.registry.connector;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored connector. The foundation stores only the identity; the registry issue adds the
 * operations, auth and the rest of ARCHITECTURE §4.
 */
@Document("connectors")
@CompoundIndex(name = "namespace_name", def = "{'namespace': 1, 'name': 1}", unique = true)
record ConnectorDocument(
        @Id String id,
        String namespace,
        String name,
        String description,
        String type,
        String baseUrl,
        @Version Long version,
        Instant createdAt,
        Instant updatedAt) {
}
