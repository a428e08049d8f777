package dev.switchboard.executor.files;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one checked operation on a session and shapes its result (ADR 014): list → entries sorted
 * by name, stat → one entry, exists → a boolean, get → {@code {path, contentType, format, size, data}},
 * put → {@code {path, size}}, mkdir → {@code {path, created}} (parents too; an existing directory is
 * fine, as {@code mkdir -p}), delete and rmdir → {@code {path}}, rename → {@code {path, newPath}}.
 */
final class FileOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FileContent content;

    FileOperations(FileContent content) {
        this.content = content;
    }

    /**
     * @param budget bytes a get may still return in this step (all gets of a batch share it)
     */
    JsonNode run(FileSession session, FileRequest request, long[] budget)
            throws IOException {
        RemotePath path = request.path();
        return switch (request.operation()) {
            case LIST -> {
                List<RemoteEntry> entries = session.list(path.remote());
                ArrayNode listed = NODES.arrayNode();
                entries.stream().sorted(Comparator.comparing(RemoteEntry::name))
                        .forEach(entry -> listed.add(entry.toJson(path.child(entry.name()))));
                yield listed;
            }
            case STAT -> session.stat(path.remote()).orElseThrow(() -> notFound(path)).toJson(path);
            case EXISTS -> NODES.booleanNode(session.stat(path.remote()).isPresent());
            case GET -> {
                byte[] bytes = session.read(path.remote(), budget[0]);
                budget[0] -= bytes.length;
                yield content.fromFile(path, bytes, request.encoding());
            }
            case PUT -> {
                session.write(path.remote(), request.content());
                yield NODES.objectNode().put("path", path.visible()).put("size", request.content().length);
            }
            case DELETE -> {
                session.delete(path.remote());
                yield pathOnly(path);
            }
            case RENAME -> {
                session.rename(path.remote(), request.newPath().remote());
                yield pathOnly(path).put("newPath", request.newPath().visible());
            }
            case MKDIR -> pathOnly(path).put("created", mkdirs(session, path));
            case RMDIR -> {
                session.rmdir(path.remote());
                yield pathOnly(path);
            }
        };
    }

    /** Creates the directory and its missing parents, from the base down; false if it was there. */
    private static boolean mkdirs(FileSession session, RemotePath path) throws IOException {
        Deque<RemotePath> missing = new ArrayDeque<>();
        RemotePath at = path;
        while (!at.isRoot()) {
            Optional<RemoteEntry> found = session.stat(at.remote());
            if (found.isPresent()) {
                if (!found.get().isDirectory()) {
                    throw new FileCallException("FILE_ERROR", at.visible() + " exists and is not a directory", false);
                }
                break;
            }
            missing.push(at);
            at = at.parent();
        }
        boolean created = !missing.isEmpty();
        while (!missing.isEmpty()) {
            session.mkdir(missing.pop().remote());
        }
        return created;
    }

    private static ObjectNode pathOnly(RemotePath path) {
        return NODES.objectNode().put("path", path.visible());
    }

    private static FileCallException notFound(RemotePath path) {
        return new FileCallException("FILE_NOT_FOUND", "nothing at " + path.visible(), false);
    }
}
