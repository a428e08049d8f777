package dev.switchboard.secrets.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] K1 = key();
    private static final byte[] K2 = key();
    private static final byte[] VALUE = "xoxb-not-a-real-token".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameBinding() {
        SecretCipher cipher = new SecretCipher(new KeyRing(Map.of("k1", K1), null));

        SealedValue a = cipher.seal(VALUE, "shared//slack/1");
        SealedValue b = cipher.seal(VALUE, "shared//slack/1");

        assertThat(a.nonce()).hasSize(12).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("xoxb");
        assertThat(cipher.open(a, "shared//slack/1")).isEqualTo(VALUE);
    }

    @Test
    void tamperedCiphertextOrBindingFailsClearly() {
        SecretCipher cipher = new SecretCipher(new KeyRing(Map.of("k1", K1), null));
        SealedValue sealed = cipher.seal(VALUE, "private/alice/slack/1");
        byte[] flipped = Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length);
        flipped[0] ^= 1;

        assertThatThrownBy(() -> cipher.open(new SealedValue("k1", sealed.nonce(), flipped), "private/alice/slack/1"))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("integrity");
        assertThatThrownBy(() -> cipher.open(sealed, "private/bob/slack/1"))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> cipher.open(sealed, "private/alice/slack/2"))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void rotationKeepsOldValuesReadableUntilTheOldKeyIsRemoved() {
        SealedValue old = new SecretCipher(new KeyRing(Map.of("k1", K1), null)).seal(VALUE, "aad");
        SecretCipher both = new SecretCipher(new KeyRing(Map.of("k1", K1, "k2", K2), null));

        assertThat(both.open(old, "aad")).isEqualTo(VALUE);
        SealedValue rotated = both.seal(both.open(old, "aad"), "aad");
        SecretCipher onlyNew = new SecretCipher(new KeyRing(Map.of("k2", K2), null));

        assertThat(rotated.keyId()).isEqualTo("k2");
        assertThat(onlyNew.open(rotated, "aad")).isEqualTo(VALUE);
        assertThatThrownBy(() -> onlyNew.open(old, "aad")).isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("no longer in the key ring");
    }

    @Test
    void refusesUnusableKeyRings() {
        assertThatThrownBy(() -> new KeyRing(Map.of(), null)).hasMessageContaining("no encryption key");
        assertThatThrownBy(() -> new KeyRing(Map.of("k1", new byte[16]), null)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new KeyRing(Map.of("k1", K1), "k9")).hasMessageContaining("not in the key ring");
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
