package dev.switchboard.secrets.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Who did what to which secret, and how it ended — never the value. */
@Document("audit")
public record AuditEntry(@Id String id, Instant at, String actor, String action, String name, String scope,
        String owner, String outcome) {
}
