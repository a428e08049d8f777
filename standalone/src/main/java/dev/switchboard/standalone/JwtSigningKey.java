package dev.switchboard.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The standalone's HS256 key: 32 random bytes, base64 in {@code <data-dir>/jwt-hmac.key}, created
 * owner-only (0600) on first use so that neither another user nor a log ever sees it.
 */
final class JwtSigningKey {

    private JwtSigningKey() {
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
                return key;
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new StartupException("JWT key " + file + " cannot be read or created: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StartupException("JWT key " + file + " is not base64; delete it to make a new one", e);
        }
    }
}
