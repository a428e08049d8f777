package dev.switchboard.secrets.secret;

import java.time.Instant;

/** What anyone may see of a secret: never its value, in clear or encrypted. */
record SecretMetadata(String name, String scope, String owner, String description, long version, String keyId,
        Instant createdAt, Instant updatedAt) {

    static SecretMetadata of(SecretDocument doc) {
        return new SecretMetadata(doc.name(), doc.scope(), doc.owner(), doc.description(), doc.version(),
                doc.keyId(), doc.createdAt(), doc.updatedAt());
    }
}
