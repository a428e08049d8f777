package dev.switchboard.registry.connector;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface ConnectorRepository extends MongoRepository<ConnectorDocument, String> {

    Page<ConnectorDocument> findByNamespace(String namespace, Pageable pageable);
}
