package dev.switchboard.secrets.crypto;

/** A stored value that cannot be decrypted: its key is gone, or its ciphertext or binding data was altered. */
public class SecretDecryptionException extends RuntimeException {

    public SecretDecryptionException(String message) {
        super(message);
    }
}
