package dev.switchboard.secrets.secret;

import dev.switchboard.contracts.event.SecretChanged;
import dev.switchboard.secrets.audit.AuditLog;
import dev.switchboard.secrets.crypto.KeyRing;
import dev.switchboard.secrets.crypto.SealedValue;
import dev.switchboard.secrets.crypto.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secrets: who may write which (admins the shared ones, everyone their own private ones), how a
 * value is sealed, and resolving a name for a user (their private secret first, then the shared
 * one). Every write and resolve is audited and announced without its value.
 */
@Service
public class SecretService {

    private final MongoTemplate mongo;
    private final SecretCipher cipher;
    private final KeyRing keys;
    private final AuditLog audit;
    private final SecretEvents events;
    private final JsonMapper json;
    private final Clock clock;

    SecretService(MongoTemplate mongo, SecretCipher cipher, KeyRing keys, AuditLog audit, SecretEvents events,
            JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.keys = keys;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    SecretMetadata create(SecretInput input, Caller caller) {
        List<SecretRules.FieldError> errors = SecretRules.forCreate(input);
        if (!errors.isEmpty()) {
            throw SecretException.invalid(errors);
        }
        requireWrite(input.scope(), caller);
        String owner = SecretDocument.PRIVATE.equals(input.scope()) ? caller.userId() : null;
        var now = clock.instant();
        SealedValue sealed = cipher.seal(SecretRules.plaintext(input.value()),
                SecretDocument.aad(input.scope(), owner, input.name(), 1));
        SecretDocument doc = new SecretDocument(SecretDocument.id(input.scope(), owner, input.name()), input.name(),
                input.scope(), owner, input.description(), 1, sealed.keyId(), sealed.nonce(), sealed.ciphertext(),
                input.value().isObject(), caller.userId(), caller.userId(), now, now);
        try {
            mongo.insert(doc);
        } catch (DuplicateKeyException e) {
            throw SecretException.conflict("A " + input.scope() + " secret '" + input.name()
                    + "' exists already; change its value with PUT /api/v1/secrets/" + input.name() + "?scope="
                    + input.scope());
        }
        audit.write(caller.userId(), "create", doc.name(), doc.scope(), doc.owner());
        events.changed(doc, SecretChanged.Change.CREATED);
        return SecretMetadata.of(doc);
    }

    /** Without a scope, the secret the caller would get at call time: theirs, else the shared one. */
    SecretMetadata get(String name, String scope, Caller caller) {
        return SecretMetadata.of(visible(name, scope, caller)
                .orElseThrow(() -> SecretException.notFound(name, scope)));
    }

    SecretMetadata update(String name, String scope, SecretInput input, Caller caller) {
        List<SecretRules.FieldError> errors = SecretRules.forValue(input);
        if (!errors.isEmpty()) {
            throw SecretException.invalid(errors);
        }
        requireWrite(scope, caller);
        SecretDocument current = visible(name, scope, caller).orElseThrow(() -> SecretException.notFound(name, scope));
        long next = current.version() + 1;
        SealedValue sealed = cipher.seal(SecretRules.plaintext(input.value()),
                SecretDocument.aad(current.scope(), current.owner(), name, next));
        Update update = new Update().set("version", next).set("keyId", sealed.keyId()).set("nonce", sealed.nonce())
                .set("ciphertext", sealed.ciphertext()).set("structured", input.value().isObject())
                .set("updatedBy", caller.userId())
                .set("updatedAt", clock.instant());
        if (input.description() != null) {
            update.set("description", input.description());
        }
        SecretDocument updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())
                .and("version").is(current.version())), update, FindAndModifyOptions.options().returnNew(true),
                SecretDocument.class);
        if (updated == null) {
            throw SecretException.conflict("The secret '" + name + "' changed while this update was made; retry.");
        }
        audit.write(caller.userId(), "update", name, updated.scope(), updated.owner());
        events.changed(updated, SecretChanged.Change.UPDATED);
        return SecretMetadata.of(updated);
    }

    void delete(String name, String scope, Caller caller) {
        requireWrite(scope, caller);
        SecretDocument current = visible(name, scope, caller).orElseThrow(() -> SecretException.notFound(name, scope));
        mongo.remove(Query.query(Criteria.where("_id").is(current.id())), SecretDocument.class);
        audit.write(caller.userId(), "delete", name, current.scope(), current.owner());
        events.changed(current, SecretChanged.Change.DELETED);
    }

    /**
     * Re-encrypts every value not yet under the active key. Each value is rewritten only if it has
     * not changed meanwhile, and the old key keeps decrypting until the last one is done, so
     * reads and writes go on throughout.
     */
    RotationResult rotate(Caller caller) {
        if (!caller.admin()) {
            throw SecretException.forbidden("Only admins rotate the encryption key.");
        }
        String active = keys.activeKeyId();
        int rotated = 0;
        for (SecretDocument doc : mongo.find(Query.query(Criteria.where("keyId").ne(active)), SecretDocument.class)) {
            byte[] plaintext = cipher.open(new SealedValue(doc.keyId(), doc.nonce(), doc.ciphertext()), doc.aad());
            SealedValue sealed = cipher.seal(plaintext, doc.aad());
            var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.id())
                            .and("version").is(doc.version()).and("keyId").is(doc.keyId())),
                    new Update().set("keyId", sealed.keyId()).set("nonce", sealed.nonce())
                            .set("ciphertext", sealed.ciphertext()),
                    SecretDocument.class);
            if (result.getModifiedCount() == 1) {
                rotated++;
                events.changed(doc, SecretChanged.Change.ROTATED);
            }
        }
        long remaining = mongo.count(Query.query(Criteria.where("keyId").ne(active)), SecretDocument.class);
        audit.write(caller.userId(), "rotate", "*", null, null);
        return new RotationResult(active, rotated, remaining);
    }

    /** For the executor: the user's private secret, else the shared one; audited either way. */
    public ResolvedSecret resolve(String name, String userId) {
        // One round trip for both candidates; the private one wins.
        String privateId = userId == null ? null : SecretDocument.id(SecretDocument.PRIVATE, userId, name);
        List<String> ids = privateId == null ? List.of(SecretDocument.id(SecretDocument.SHARED, null, name))
                : List.of(privateId, SecretDocument.id(SecretDocument.SHARED, null, name));
        Optional<SecretDocument> found = mongo.find(Query.query(Criteria.where("_id").in(ids)), SecretDocument.class)
                .stream().min((a, b) -> Boolean.compare(!a.id().equals(privateId), !b.id().equals(privateId)));
        if (found.isEmpty()) {
            audit.resolve(userId, name, null, null, "not_found");
            throw SecretException.notFound(name, null);
        }
        SecretDocument doc = found.get();
        byte[] plaintext;
        try {
            plaintext = cipher.open(new SealedValue(doc.keyId(), doc.nonce(), doc.ciphertext()), doc.aad());
        } catch (RuntimeException e) {
            audit.resolve(userId, name, doc.scope(), doc.owner(), "undecryptable");
            throw e;
        }
        audit.resolve(userId, name, doc.scope(), doc.owner(), "found_" + doc.scope());
        String text = new String(plaintext, StandardCharsets.UTF_8);
        JsonNode value = doc.structured() ? json.readTree(text) : json.getNodeFactory().stringNode(text);
        return new ResolvedSecret(name, doc.scope(), doc.version(), value);
    }

    private Optional<SecretDocument> visible(String name, String scope, Caller caller) {
        if (scope == null || SecretDocument.PRIVATE.equals(scope)) {
            SecretDocument own = mongo.findById(SecretDocument.id(SecretDocument.PRIVATE, caller.userId(), name),
                    SecretDocument.class);
            if (own != null || scope != null) {
                return Optional.ofNullable(own);
            }
        }
        return Optional.ofNullable(mongo.findById(SecretDocument.id(SecretDocument.SHARED, null, name),
                SecretDocument.class));
    }

    private static void requireWrite(String scope, Caller caller) {
        if (scope == null || !(scope.equals(SecretDocument.SHARED) || scope.equals(SecretDocument.PRIVATE))) {
            throw SecretException.invalid(List.of(new SecretRules.FieldError("scope", "must be shared or private")));
        }
        if (SecretDocument.SHARED.equals(scope) && !caller.admin()) {
            throw SecretException.forbidden("Only admins may write shared secrets; write a private one instead"
                    + " (scope=private), which overrides the shared one for you.");
        }
    }

    record RotationResult(String activeKeyId, int rotated, long remaining) {
    }
}
