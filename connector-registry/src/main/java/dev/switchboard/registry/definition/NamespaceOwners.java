package dev.switchboard.registry.definition;

import dev.switchboard.registry.security.Caller;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Who may write in a namespace: admins, and the user who first created something in it. The
 * first write claims the namespace (an insert on a unique id, so two first writers cannot both
 * win); connectors and agents share namespaces.
 */
@Service
public class NamespaceOwners {

    private static final String COLLECTION = "namespaces";

    private final MongoTemplate mongo;
    private final Clock clock;

    NamespaceOwners(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Refuses with 403 when the namespace belongs to someone else; never claims. */
    public void checkWrite(String namespace, Caller caller) {
        String owner = owner(namespace);
        if (!caller.admin() && owner != null && !owner.equals(caller.userId())) {
            throw new WriteForbiddenException("The namespace '" + namespace
                    + "' belongs to another user; only its owner and admins may change what is in it.");
        }
    }

    /** Checks, then claims the namespace for the caller if nobody owns it yet. */
    public void claim(String namespace, Caller caller) {
        checkWrite(namespace, caller);
        if (owner(namespace) != null) {
            return;
        }
        try {
            mongo.insert(new Document("_id", namespace).append("owner", caller.userId())
                    .append("createdAt", Date.from(clock.instant())), COLLECTION);
        } catch (DuplicateKeyException raced) {
            checkWrite(namespace, caller);
        }
    }

    String owner(String namespace) {
        Document doc = mongo.findOne(Query.query(Criteria.where("_id").is(namespace)), Document.class, COLLECTION);
        return doc == null ? null : doc.getString("owner");
    }
}
