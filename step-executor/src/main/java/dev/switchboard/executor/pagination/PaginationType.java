package dev.switchboard.executor.pagination;

import java.util.Arrays;
import java.util.Optional;

/** How the next page is asked for; the JSON names are those of the tool definition. */
enum PaginationType {
    OFFSET_BASED("offsetBased"),
    PAGE_BASED("pageBased"),
    CURSOR_BASED("cursorBased");

    private final String json;

    PaginationType(String json) {
        this.json = json;
    }

    static Optional<PaginationType> of(String json) {
        return Arrays.stream(values()).filter(type -> type.json.equals(json)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(type -> type.json).toList());
    }
}
