package dev.switchboard.executor.files;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One logged-in connection to a file server, used by one call at a time (the pool sees to that).
 * Paths are the server's ({@link RemotePath#remote()}). A refusal by the server is a
 * {@link FileCallException} with the server's words; an {@link IOException} means the connection
 * itself failed, and the session is not reused.
 */
interface FileSession extends AutoCloseable {

    List<RemoteEntry> list(String path) throws IOException;

    /** The entry, or empty when nothing is at {@code path}. */
    Optional<RemoteEntry> stat(String path) throws IOException;

    /**
     * The whole file.
     *
     * @throws FileCallException {@code FILE_TOO_LARGE} past {@code maxBytes}, without reading the rest
     */
    byte[] read(String path, long maxBytes) throws IOException;

    /** Creates or replaces the file. */
    void write(String path, byte[] content) throws IOException;

    void delete(String path) throws IOException;

    void rename(String from, String to) throws IOException;

    /** One directory, whose parent exists. */
    void mkdir(String path) throws IOException;

    void rmdir(String path) throws IOException;

    /** Whether the session may be handed out again after {@code idle} unused (a cheap check). */
    boolean usable(Duration idle);

    @Override
    void close();
}
