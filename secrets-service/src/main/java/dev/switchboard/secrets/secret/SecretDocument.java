package dev.switchboard.secrets.secret;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored secret: metadata and the AES-GCM ciphertext of its value, never the value itself.
 * {@code structured} says the plaintext is a JSON object ({@code {username, password}}, …)
 * rather than a string. The id is {@code shared:NAME} or {@code private:OWNER:NAME}, which makes a name unique per scope
 * and owner without a second index.
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
        byte[] nonce,
        byte[] ciphertext,
        boolean structured,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    static final String SHARED = "shared";
    static final String PRIVATE = "private";

    static String id(String scope, String owner, String name) {
        return SHARED.equals(scope) ? SHARED + ":" + name : PRIVATE + ":" + owner + ":" + name;
    }

    /** What the ciphertext is bound to: moving it to another secret or version breaks decryption. */
    static String aad(String scope, String owner, String name, long version) {
        return scope + "/" + (owner == null ? "" : owner) + "/" + name + "/" + version;
    }

    String aad() {
        return aad(scope, owner, name, version);
    }
}
