package dev.switchboard.executor.files;

import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file or directory as a server describes it.
 *
 * @param type {@code file}, {@code directory}, {@code link} or {@code other}
 * @param size in bytes, or null when the server does not say
 * @param modifiedAt or null when the server does not say
 */
record RemoteEntry(String name, String type, Long size, Instant modifiedAt) {

    static final String FILE = "file";
    static final String DIRECTORY = "directory";
    static final String LINK = "link";
    static final String OTHER = "other";

    boolean isDirectory() {
        return DIRECTORY.equals(type);
    }

    /** {@code {name, path, type, size, modifiedAt}}: the shape of a list entry and of stat. */
    ObjectNode toJson(RemotePath path) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", name).put("path", path.visible())
                .put("type", type);
        if (size == null) {
            node.putNull("size");
        } else {
            node.put("size", size);
        }
        if (modifiedAt == null) {
            node.putNull("modifiedAt");
        } else {
            node.put("modifiedAt", modifiedAt.toString());
        }
        return node;
    }
}
