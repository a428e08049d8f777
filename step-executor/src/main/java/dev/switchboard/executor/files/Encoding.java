package dev.switchboard.executor.files;

import java.util.Optional;

/** How a put's string content is decoded, and how a get returns the file: text or base64. */
enum Encoding {
    UTF8, BASE64;

    static Optional<Encoding> of(String wire) {
        return switch (wire) {
            case "utf8" -> Optional.of(UTF8);
            case "base64" -> Optional.of(BASE64);
            default -> Optional.empty();
        };
    }
}
