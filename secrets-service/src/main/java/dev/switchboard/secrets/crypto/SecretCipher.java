package dev.switchboard.secrets.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM per value, with a fresh random 96-bit nonce each time. The additional
 * authenticated data binds a ciphertext to its secret ({@code scope/owner/name/version}), so a
 * value copied onto another secret or another version fails to decrypt instead of leaking.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(KeyRing keys) {
        this.keys = keys;
    }

    public SealedValue seal(byte[] plaintext, String aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.active(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new SealedValue(keys.activeKeyId(), nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public byte[] open(SealedValue sealed, String aad) {
        SecretKey key = keys.key(sealed.keyId());
        if (key == null) {
            throw new SecretDecryptionException("encrypted under key '" + sealed.keyId()
                    + "', which is no longer in the key ring; rotate before removing a key");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("failed its integrity check: the ciphertext or the data it is"
                    + " bound to (scope, owner, name, version) was altered");
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("could not be decrypted: " + e.getMessage());
        }
    }
}
