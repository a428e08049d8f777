package dev.switchboard.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A real Mongo wire-protocol server in memory on a free loopback port. It announces 5.0: the
 * 5.x driver refuses the older version mongo-java-server reports by default.
 */
public final class TestMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
    private final String uri = server.bindAndGetConnectionString();

    /** {@code mongodb://127.0.0.1:port}, without a database. */
    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
