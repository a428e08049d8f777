package dev.switchboard.executor.files;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What one file-server operation does; the wire name is the lower-case name. */
enum FileOperation {
    LIST, GET, PUT, DELETE, RENAME, MKDIR, RMDIR, EXISTS, STAT;

    static final List<String> NAMES = Arrays.stream(values()).map(FileOperation::wire).toList();

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FileOperation> of(String wire) {
        return Arrays.stream(values()).filter(op -> op.wire().equals(wire)).findFirst();
    }

    /** Only these take {@code encoding}: how put's content is decoded, how get's data is returned. */
    boolean takesEncoding() {
        return this == GET || this == PUT;
    }
}
