package dev.switchboard.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The secrets service's key ring for the standalone: {@code <data-dir>/secrets-keys}, created
 * owner-only (0600) with one AES-256 key whose id is its creation date. To rotate, append a line
 * {@code k<date>=<base64>} (a later id becomes the active key), restart and call
 * {@code POST /api/v1/secrets/rotate-key}; then the old line may go.
 */
final class SecretsKeyFile {

    private SecretsKeyFile() {
    }

    static Path ensure(Path file) {
        if (Files.exists(file)) {
            return file;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String id = "k" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "# secrets encryption keys: id=base64 (AES-256); the greatest id encrypts\n"
                    + id + "=" + Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
            return file;
        } catch (IOException e) {
            throw new StartupException("secrets key file " + file + " cannot be created: " + e.getMessage(), e);
        }
    }
}
