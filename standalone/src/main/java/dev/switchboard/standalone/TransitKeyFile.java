package dev.switchboard.standalone;

import dev.switchboard.contracts.transit.CredentialSeal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The transit key that seals per-run credentials between orchestrator and executor
 * (ARCHITECTURE §3): {@code <data-dir>/transit.key}, owner-only (0600), kept across restarts so a
 * run in flight at a restart can still open its credentials.
 */
final class TransitKeyFile {

    private TransitKeyFile() {
    }

    static String ensure(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
                Files.writeString(file, CredentialSeal.newKey() + "\n", StandardOpenOption.WRITE);
            }
            String key = Files.readString(file).strip();
            CredentialSeal.withKey(key);
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("transit key file " + file + " cannot be used: " + e.getMessage(), e);
        }
    }
}
