package dev.switchboard.registry.definition;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The indexes the registry's queries rely on; creating an existing index is a no-op. */
@Component
class RegistryIndexes {

    private final MongoTemplate mongo;

    RegistryIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        for (Kind kind : new Kind[] {Kind.CONNECTOR, Kind.AGENT}) {
            mongo.indexOps(kind.collection()).createIndex(new Index().on("namespace", Sort.Direction.ASC)
                    .on("name", Sort.Direction.ASC).unique().named("namespace_name"));
        }
        for (Kind kind : Kind.values()) {
            mongo.indexOps(kind.collection()).createIndex(new Index().on("refs", Sort.Direction.ASC).named("refs"));
            mongo.indexOps(kind.collection()).createIndex(new Index().on(DefinitionStore.PENDING, Sort.Direction.ASC)
                    .named("pending"));
        }
    }
}
