package dev.switchboard.secrets.secret;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored secret's metadata. The encrypted value (ciphertext, nonce) arrives with the secrets
 * issue; it will never be part of what the API returns.
 */
@Document("secrets")
@CompoundIndex(name = "name_scope_owner", def = "{'name': 1, 'scope': 1, 'owner': 1}", unique = true)
record SecretDocument(
        @Id String id,
        String name,
        String scope,
        String owner,
        String description,
        long version,
        String keyId,
        Instant createdAt,
        Instant updatedAt) {

    static final String SHARED = "shared";
}
