package dev.switchboard.contracts.transit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals a run's per-run credentials for transit through Kafka (ARCHITECTURE §3): AES-256-GCM with
 * a transit key only the orchestrator and executors hold, bound to the runId (as associated data,
 * so a sealed blob cannot be replayed on another run) and carrying its expiry (the run deadline).
 * The output is opaque base64 of nonce followed by ciphertext; nothing in it is readable without
 * the key. Messages never contain values.
 */
public final class CredentialSeal {

    /**
     * The run credential holding the caller's own JWT, for connectors with {@code forward_token}
     * auth. Credential names given by callers cannot start with {@code @}, so it cannot be forged.
     */
    public static final String CALLER_TOKEN = "@caller-token";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SecretKeySpec key;

    private CredentialSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the transit key must be 32 bytes (base64 of 256 random bits)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** @param base64Key 32 random bytes, base64 */
    public static CredentialSeal withKey(String base64Key) {
        try {
            return new CredentialSeal(Base64.getDecoder().decode(base64Key.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the transit key must be 32 bytes (base64 of 256 random bits)");
        }
    }

    /** A fresh random key, base64, for launchers and tests. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String seal(String runId, Map<String, String> credentials, Instant expiresAt) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("exp", expiresAt.toEpochMilli());
        ObjectNode values = payload.putObject("credentials");
        credentials.forEach(values::put);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(runId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(payload));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The credentials sealed for {@code runId}.
     *
     * @throws SealException when the blob is not for this run, was altered, sealed with another
     *     key, or expired
     */
    public Map<String, String> open(String runId, String sealed, Instant now) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new SealException("the sealed credentials are not base64");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new SealException("the sealed credentials are truncated");
        }
        JsonNode payload;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(runId.getBytes(StandardCharsets.UTF_8));
            payload = JSON.readTree(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES));
        } catch (GeneralSecurityException | JacksonException e) {
            throw new SealException("the sealed credentials do not open for run " + runId
                    + " (other run, other key, or altered)");
        }
        if (now.toEpochMilli() > payload.path("exp").asLong(0)) {
            throw new SealException("the sealed credentials of run " + runId + " have expired");
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        payload.path("credentials").properties().forEach(e -> credentials.put(e.getKey(), e.getValue().asString()));
        return credentials;
    }

    /** Sealed credentials that cannot be used; the message never holds a value. */
    public static final class SealException extends RuntimeException {
        public SealException(String message) {
            super(message);
        }
    }
}
