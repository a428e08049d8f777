package dev.switchboard.contracts.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialSealTest {

    private final CredentialSeal seal = CredentialSeal.withKey(CredentialSeal.newKey());
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void opensForItsRunUntilItExpires() {
        String sealed = seal.seal("run-1", Map.of("CRM_TOKEN", "s3cr3t-value"), now.plusSeconds(60));

        assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
                .doesNotContain("s3cr3t-value").doesNotContain("CRM_TOKEN");
        assertThat(seal.open("run-1", sealed, now)).containsEntry("CRM_TOKEN", "s3cr3t-value");
        assertThatThrownBy(() -> seal.open("run-1", sealed, now.plusSeconds(61)))
                .isInstanceOf(CredentialSeal.SealException.class).hasMessageContaining("expired");
    }

    @Test
    void refusesAnotherRunAnotherKeyOrAlteredBytes() {
        String sealed = seal.seal("run-1", Map.of("A", "value-a"), now.plusSeconds(60));
        byte[] altered = Base64.getDecoder().decode(sealed);
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> seal.open("run-2", sealed, now)).isInstanceOf(CredentialSeal.SealException.class);
        assertThatThrownBy(() -> CredentialSeal.withKey(CredentialSeal.newKey()).open("run-1", sealed, now))
                .isInstanceOf(CredentialSeal.SealException.class);
        assertThatThrownBy(() -> seal.open("run-1", Base64.getEncoder().encodeToString(altered), now))
                .isInstanceOf(CredentialSeal.SealException.class).hasMessageNotContaining("value-a");
        assertThatThrownBy(() -> seal.open("run-1", "%%%", now)).hasMessageContaining("base64");
        assertThatThrownBy(() -> seal.open("run-1", "AAAA", now)).hasMessageContaining("truncated");
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> CredentialSeal.withKey("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> CredentialSeal.withKey("not base64!")).hasMessageContaining("32 bytes");
    }
}
