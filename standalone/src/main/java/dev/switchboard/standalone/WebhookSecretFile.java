package dev.switchboard.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key webhooks are signed with (docs/webhooks.md): {@code <data-dir>/webhook-signing.key},
 * 32 random bytes as base64 text, owner-only (0600), kept across restarts so receivers keep
 * verifying. The orchestrator is given the file's path, never the key, so no process list or log
 * shows it; a receiver's operator reads it from the file.
 */
final class WebhookSecretFile {

    /** Spring's name in the environment for switchboard.webhooks.signing-secret: set, it wins and no file is made. */
    static final String ENVIRONMENT = "SWITCHBOARD_WEBHOOKS_SIGNINGSECRET";

    private WebhookSecretFile() {
    }

    static Path ensure(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
            }
            if (Files.readString(file).strip().length() < 16) {
                throw new StartupException("webhook signing key " + file + " is shorter than 16 characters; delete it"
                        + " to make a new one");
            }
            return file;
        } catch (IOException e) {
            throw new StartupException("webhook signing key " + file + " cannot be used: " + e.getMessage(), e);
        }
    }
}
