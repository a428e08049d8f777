package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's re-keyed unique indexes, over Mongo's wire protocol, on data the stock backend wrote. */
class KeyOrderedH2BackendIT {

    private static final int DOCUMENTS = 600;
    private static final String ID_INDEX = "app.runs._index__id_";
    private static final String REV_INDEX = "app.runs._index_id_rev";

    @TempDir
    Path dir;

    @Test
    void readsAndEnforcesIndexesTheStockBackendWrote() {
        Path file = dir.resolve("mongo.mv");
        withServer(new H2Backend(file.toString()), runs -> {
            runs.createIndex(Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("id_rev"));
            for (int i = 0; i < DOCUMENTS; i++) {
                runs.insertOne(new Document("_id", "run-" + i).append("rev", 1L).append("status", "running"));
            }
        });
        assertThat(mapNames(file)).contains(ID_INDEX, REV_INDEX);

        withServer(new KeyOrderedH2Backend(file), runs -> {
            for (int i = 0; i < DOCUMENTS; i++) {
                assertThat(runs.find(Filters.eq("_id", "run-" + i)).first()).as("run-%d", i).isNotNull();
            }
            assertThat(runs.countDocuments()).isEqualTo(DOCUMENTS);
            assertThatThrownBy(() -> runs.insertOne(new Document("_id", "run-7").append("rev", 1L)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            // a conditional write as the engine makes it: matched by _id and revision
            assertThat(runs.updateOne(Filters.and(Filters.eq("_id", "run-3"), Filters.eq("rev", 1L)),
                    Updates.combine(Updates.set("status", "success"), Updates.inc("rev", 1L))).getModifiedCount())
                    .isEqualTo(1);
            assertThat(runs.updateOne(Filters.and(Filters.eq("_id", "run-3"), Filters.eq("rev", 1L)),
                    Updates.set("status", "failed")).getModifiedCount()).isZero();
            runs.insertOne(new Document("_id", "run-new").append("rev", 1L));
        });
        assertThat(mapNames(file)).doesNotContain(ID_INDEX, REV_INDEX)
                .contains(ID_INDEX + KeyOrderedH2Backend.INDEX_SUFFIX, REV_INDEX + KeyOrderedH2Backend.INDEX_SUFFIX);

        // and once more, now that nothing is left to copy
        withServer(new KeyOrderedH2Backend(file), runs -> {
            assertThat(runs.find(Filters.eq("_id", "run-3")).first()).containsEntry("status", "success");
            assertThat(runs.find(Filters.eq("_id", "run-new")).first()).isNotNull();
            assertThat(runs.countDocuments()).isEqualTo(DOCUMENTS + 1);
            assertThatThrownBy(() -> runs.insertOne(new Document("_id", "run-new")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        });
    }

    @Test
    void copiesAgainWhenACopyWasInterrupted() {
        Path file = dir.resolve("mongo.mv");
        withServer(new H2Backend(file.toString()), runs -> {
            for (int i = 0; i < 50; i++) {
                runs.insertOne(new Document("_id", "run-" + i));
            }
        });
        // what a crash during the first copy leaves: the old map whole, the new one partial
        try (MVStore store = MVStore.open(file.toString())) {
            MVMap<Object, Object> partial = store.openMap(ID_INDEX + KeyOrderedH2Backend.INDEX_SUFFIX);
            partial.put(new de.bwaldvogel.mongo.backend.KeyValue("run-0"), "run-0");
            partial.put(new de.bwaldvogel.mongo.backend.KeyValue("ghost"), "ghost");
        }

        withServer(new KeyOrderedH2Backend(file), runs -> {
            for (int i = 0; i < 50; i++) {
                assertThat(runs.find(Filters.eq("_id", "run-" + i)).first()).as("run-%d", i).isNotNull();
            }
            // the partial copy's stray key would refuse this insert
            runs.insertOne(new Document("_id", "ghost"));
            assertThat(runs.countDocuments()).isEqualTo(51);
        });
    }

    @Test
    void droppingACollectionRemovesItsIndexMaps() {
        Path file = dir.resolve("mongo.mv");
        withServer(new KeyOrderedH2Backend(file), runs -> {
            runs.createIndex(Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("id_rev"));
            runs.insertOne(new Document("_id", "run-1").append("rev", 1L));
            runs.drop();
            runs.insertOne(new Document("_id", "run-1").append("rev", 1L)); // not refused by a stale index
            assertThat(runs.countDocuments()).isEqualTo(1);
        });
        assertThat(mapNames(file)).doesNotContain(REV_INDEX + KeyOrderedH2Backend.INDEX_SUFFIX);
    }

    private static void withServer(H2Backend backend, Consumer<MongoCollection<Document>> work) {
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.accept(client.getDatabase("app").getCollection("runs"));
        } finally {
            server.shutdown();
        }
    }

    private static Set<String> mapNames(Path file) {
        try (MVStore store = MVStore.open(file.toString())) {
            return new TreeSet<>(store.getMapNames());
        }
    }
}
