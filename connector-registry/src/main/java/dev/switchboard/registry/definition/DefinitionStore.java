package dev.switchboard.registry.definition;

import dev.switchboard.contracts.api.ListPage;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores definitions, one collection per kind, and publishes every change.
 *
 * <p>The definition is kept as a JSON string, not as a nested document: JSON Schemas carry keys
 * such as {@code $ref} and {@code $defs} that MongoDB field names must not start with. Every
 * write marks the document {@code pending} until its change event is acknowledged, so a change
 * whose event was lost to a broker outage is published later by {@link PendingChangeSweeper}.
 * A delete first marks the document {@code deleting}, publishes the deletion, then removes it.
 */
@Service
public class DefinitionStore {

    static final String PENDING = "pending";
    static final String DELETING = "deleting";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final RegistryChangePublisher publisher;
    private final Clock clock;

    DefinitionStore(MongoTemplate mongo, JsonMapper json, RegistryChangePublisher publisher, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Optional<StoredDefinition> find(Kind kind, String ref) {
        return Optional.ofNullable(mongo.findOne(Query.query(live().and("_id").is(ref)), Document.class,
                kind.collection())).map(doc -> toStored(kind, doc));
    }

    public boolean exists(Kind kind, String ref) {
        return mongo.exists(Query.query(Criteria.where("_id").is(ref)), kind.collection());
    }

    public ListPage<StoredDefinition> list(Kind kind, Criteria filter, int page, int limit) {
        Query query = Query.query(live().andOperator(filter));
        long total = mongo.count(query, kind.collection());
        query.with(Sort.by("_id")).skip(ListPage.offset(page, limit)).limit(limit);
        List<StoredDefinition> found = mongo.find(query, Document.class, kind.collection()).stream()
                .map(doc -> toStored(kind, doc)).toList();
        return ListPage.of(found, page, limit, total);
    }

    /** The refs of the live {@code kind} documents that reference {@code connectorRef}. */
    public List<String> referencing(Kind kind, String connectorRef) {
        Query query = Query.query(live().and("refs").is(connectorRef));
        query.fields().include("_id");
        return mongo.find(query, Document.class, kind.collection()).stream().map(doc -> doc.getString("_id")).toList();
    }

    public StoredDefinition create(DefinitionWrite write, String createdBy) {
        Instant now = clock.instant();
        Document doc = new Document("_id", write.ref())
                .append("namespace", write.namespace())
                .append("name", write.name())
                .append("definition", json.writeValueAsString(write.definition()))
                .append("refs", write.refs())
                .append("version", 1L)
                .append("createdBy", createdBy)
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now))
                .append(PENDING, true)
                .append(DELETING, false);
        doc.putAll(write.summary());
        try {
            mongo.insert(doc, write.kind().collection());
        } catch (DuplicateKeyException e) {
            throw new DefinitionConflictException("The " + write.kind().label() + " '" + write.ref()
                    + "' exists already; change it with PUT.");
        }
        return published(toStored(write.kind(), doc));
    }

    /**
     * Replaces the definition if the stored version is {@code expectedVersion} (any version when
     * null, as apply does), and bumps the version.
     */
    public StoredDefinition update(DefinitionWrite write, Long expectedVersion) {
        Criteria match = live().and("_id").is(write.ref());
        if (expectedVersion != null) {
            match = match.and("version").is(expectedVersion);
        }
        Update update = new Update()
                .set("definition", json.writeValueAsString(write.definition()))
                .set("refs", write.refs())
                .set("updatedAt", Date.from(clock.instant()))
                .set(PENDING, true)
                .inc("version", 1L);
        write.summary().forEach(update::set);
        Document updated = mongo.findAndModify(Query.query(match), update,
                FindAndModifyOptions.options().returnNew(true),
                Document.class, write.kind().collection());
        if (updated == null) {
            throw missingOrStale(write.kind(), write.ref(), expectedVersion);
        }
        return published(toStored(write.kind(), updated));
    }

    /**
     * Apply's create-or-update: creates when absent; otherwise lets {@code authorise} refuse, and
     * updates only when the definition differs from what is stored.
     */
    public ApplyOutcome apply(DefinitionWrite write, String caller, Consumer<StoredDefinition> authorise) {
        Optional<StoredDefinition> current = find(write.kind(), write.ref());
        if (current.isEmpty()) {
            create(write, caller);
            return ApplyOutcome.created;
        }
        authorise.accept(current.get());
        if (current.get().definition().equals(CanonicalJson.of(json, write.definition()))) {
            return ApplyOutcome.unchanged;
        }
        update(write, current.get().version());
        return ApplyOutcome.updated;
    }

    public void delete(Kind kind, String ref, Long expectedVersion) {
        Criteria match = live().and("_id").is(ref);
        if (expectedVersion != null) {
            match = match.and("version").is(expectedVersion);
        }
        Document marked = mongo.findAndModify(Query.query(match),
                new Update().set(DELETING, true).set(PENDING, true),
                FindAndModifyOptions.options().returnNew(true),
                Document.class, kind.collection());
        if (marked == null) {
            throw missingOrStale(kind, ref, expectedVersion);
        }
        publishPending(kind, marked);
    }

    /** Publishes a pending document's current state; the sweeper and every write come through here. */
    void publishPending(Kind kind, Document doc) {
        String ref = doc.getString("_id");
        long version = doc.get("version", Number.class).longValue();
        boolean deleting = Boolean.TRUE.equals(doc.getBoolean(DELETING));
        if (deleting) {
            if (publisher.publishDeleted(kind, ref, version)) {
                mongo.remove(Query.query(Criteria.where("_id").is(ref).and(DELETING).is(true)), kind.collection());
            }
            return;
        }
        if (publisher.publishSnapshot(toStored(kind, doc))) {
            // Only this version is known to be out: a newer write stays pending.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(ref).and("version").is(version)),
                    new Update().set(PENDING, false), kind.collection());
        }
    }

    List<Document> pending(Kind kind, int max) {
        return mongo.find(Query.query(Criteria.where(PENDING).is(true)).limit(max), Document.class,
                kind.collection());
    }

    private StoredDefinition published(StoredDefinition stored) {
        Document doc = mongo.findOne(Query.query(Criteria.where("_id").is(stored.ref())), Document.class,
                stored.kind().collection());
        if (doc != null) {
            publishPending(stored.kind(), doc);
        }
        return stored;
    }

    private RuntimeException missingOrStale(Kind kind, String ref, Long expectedVersion) {
        Document current = mongo.findOne(Query.query(live().and("_id").is(ref)), Document.class, kind.collection());
        if (current == null) {
            return new DefinitionNotFoundException(kind, ref);
        }
        return new DefinitionConflictException("The " + kind.label() + " '" + ref + "' is at version "
                + current.get("version") + ", not " + expectedVersion
                + ": it changed since you read it. Read it again and retry.");
    }

    private static Criteria live() {
        return Criteria.where(DELETING).ne(true);
    }

    private StoredDefinition toStored(Kind kind, Document doc) {
        @SuppressWarnings("unchecked")
        List<String> refs = doc.get("refs", List.class);
        return new StoredDefinition(kind, doc.getString("_id"), doc.getString("namespace"), doc.getString("name"),
                (ObjectNode) json.readTree(doc.getString("definition")),
                doc.get("version", Number.class).longValue(), doc.getString("createdBy"),
                doc.getDate("createdAt").toInstant(), doc.getDate("updatedAt").toInstant(),
                refs == null ? List.of() : List.copyOf(refs));
    }
}
