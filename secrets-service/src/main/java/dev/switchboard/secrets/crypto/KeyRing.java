package dev.switchboard.secrets.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The AES-256 keys by id, and which one encrypts new values. Refuses to start without a usable key. */
public final class KeyRing {

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    public KeyRing(Map<String, byte[]> rawKeys, String activeKeyId) {
        if (rawKeys.isEmpty()) {
            throw new IllegalStateException("switchboard.secrets: no encryption key configured (keys.<id> or key-file)");
        }
        TreeMap<String, SecretKey> sorted = new TreeMap<>();
        rawKeys.forEach((id, raw) -> {
            if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalStateException("switchboard.secrets: key id '" + id + "' must be 1-64 letters,"
                        + " digits, '_' or '-'");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("switchboard.secrets: key '" + id + "' must be 32 bytes (AES-256),"
                        + " not " + raw.length);
            }
            sorted.put(id, new SecretKeySpec(raw, "AES"));
        });
        String active = activeKeyId == null || activeKeyId.isBlank() ? sorted.lastKey() : activeKeyId;
        if (!sorted.containsKey(active)) {
            throw new IllegalStateException("switchboard.secrets: active key '" + active + "' is not in the key ring");
        }
        this.keys = Collections.unmodifiableMap(sorted);
        this.activeKeyId = active;
    }

    public static KeyRing from(SecretsKeyProperties properties) {
        Map<String, byte[]> raw = new TreeMap<>();
        if (properties.keys() != null) {
            properties.keys().forEach((id, base64) -> raw.put(id, decode(id, base64)));
        }
        if (properties.keyFile() != null) {
            try {
                for (String line : Files.readAllLines(properties.keyFile())) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    int eq = trimmed.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalStateException("switchboard.secrets: " + properties.keyFile()
                                + " has a line that is not id=base64");
                    }
                    String id = trimmed.substring(0, eq).strip();
                    raw.put(id, decode(id, trimmed.substring(eq + 1).strip()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("switchboard.secrets: cannot read " + properties.keyFile(), e);
            }
        }
        return new KeyRing(raw, properties.activeKeyId());
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    SecretKey active() {
        return keys.get(activeKeyId);
    }

    /** The key with that id, or null when it has been removed from the ring. */
    SecretKey key(String id) {
        return keys.get(id);
    }

    private static byte[] decode(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("switchboard.secrets: key '" + id + "' is not base64");
        }
    }
}
