package dev.switchboard.standalone;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mongo-java-server on its H2 (MVStore) backend: Mongo's wire protocol with data persisted in
 * one file under the data dir. It announces 5.0 because the 5.x driver refuses older servers. Its
 * unique indexes compare keys directly ({@link KeyOrderedH2Backend}).
 */
final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;
    private final String uri;

    private EmbeddedMongo(MongoServer server, H2Backend backend, String uri) {
        this.server = server;
        this.backend = backend;
        this.uri = uri;
    }

    static EmbeddedMongo start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        H2Backend backend = new KeyOrderedH2Backend(dir.resolve("mongo.mv"));
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new EmbeddedMongo(server, backend, uri(port));
    }

    /** Where the store on {@code port} is reached, known before it starts; no database: each service names its own. */
    static String uri(int port) {
        return "mongodb://127.0.0.1:" + port;
    }

    String uri() {
        return uri;
    }

    /** Writes what is not yet in the file (the store commits on its own about every second). */
    void commit() {
        backend.commit();
    }

    @Override
    public void close() {
        // shutdown() commits and closes the MVStore, so nothing written is lost
        server.shutdown();
    }
}
