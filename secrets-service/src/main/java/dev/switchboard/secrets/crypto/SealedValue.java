package dev.switchboard.secrets.crypto;

/** An encrypted value: which key, the 96-bit nonce, and the ciphertext with its GCM tag. */
public record SealedValue(String keyId, byte[] nonce, byte[] ciphertext) {
}
