package dev.switchboard.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standalone's data dir: {@code kafka/}, {@code mongo/}, the JWT signing key, the secrets key
 * ring, the transit key and the webhook signing key.
 */
record DataDirectory(Path root) {

    /** Creates the directory if needed and proves it is writable, or says clearly why not. */
    static DataDirectory prepare(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException | SecurityException e) {
            throw new StartupException("data dir " + root + " cannot be created: " + reason(e));
        }
        if (!Files.isDirectory(root)) {
            throw new StartupException("data dir " + root + " is not a directory");
        }
        try {
            Path probe = Files.createTempFile(root, ".write-check", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupException("data dir " + root + " is not writable: " + reason(e));
        }
        return new DataDirectory(root);
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path mongo() {
        return root.resolve("mongo");
    }

    Path jwtKey() {
        return root.resolve("jwt-hmac.key");
    }

    Path secretsKeys() {
        return root.resolve("secrets-keys");
    }

    Path transitKey() {
        return root.resolve("transit.key");
    }

    Path webhookSecret() {
        return root.resolve("webhook-signing.key");
    }

    private static String reason(Exception e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
