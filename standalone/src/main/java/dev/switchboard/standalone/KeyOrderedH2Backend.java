package dev.switchboard.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with its unique indexes keyed by {@link KeyValueDataType}, so a
 * lookup by {@code _id} or a conditional write compares values instead of Java-serializing keys.
 *
 * <p>An index map written by the stock backend is ordered by the old comparison, so it cannot be
 * read with the new one. Each index therefore lives under a new map name; at first open an old map
 * is copied into it and then removed. A crash during the copy leaves the old map in place, and the
 * next start copies again. (A data directory opened by this version can no longer be opened by a
 * build without it: that build would find its index maps gone.)
 */
class KeyOrderedH2Backend extends H2Backend {

    private static final Logger LOG = LoggerFactory.getLogger(KeyOrderedH2Backend.class);
    static final String INDEX_SUFFIX = ".keyOrdered";

    KeyOrderedH2Backend(Path file) {
        super(MVStore.open(file.toString()));
    }

    // called from H2Backend's constructor for the databases already on disk: use nothing but what
    // H2Backend has set by then (its store)
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /** The index map of {@code legacyName}, copied from the stock backend's map at first open. */
    private MVMap<KeyValue, Object> indexMap(String legacyName) {
        MVStore store = getMvStore();
        String name = legacyName + INDEX_SUFFIX;
        MVMap.Builder<KeyValue, Object> keyOrdered = new MVMap.Builder<KeyValue, Object>()
                .keyType(new KeyValueDataType());
        if (!store.hasMap(legacyName)) {
            return store.openMap(name, keyOrdered);
        }
        if (store.hasMap(name)) {
            store.removeMap(name); // a copy a crash interrupted: the old map is still whole
        }
        MVMap<KeyValue, Object> index = store.openMap(name, keyOrdered);
        MVMap<Object, Object> legacy = store.openMap(legacyName);
        for (Map.Entry<Object, Object> entry : legacy.entrySet()) {
            index.put((KeyValue) entry.getKey(), entry.getValue());
        }
        store.removeMap(legacy);
        LOG.info("re-keyed index {} ({} keys)", legacyName, index.size());
        return index;
    }

    /**
     * A database whose unique indexes use {@link #indexMap}. An inner class because H2Database's
     * constructor opens the indexes already on disk: the enclosing backend is set before that
     * constructor runs, a field of this class would not be.
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, KeyOrderedH2Backend.this.getMvStore(), KeyOrderedH2Backend.this.getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return new UniqueIndex(indexMap(legacyMapName(collectionName, indexName)), indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName); // removes the legacy name, if there still is one
            String legacyName = legacyMapName(collection.getCollectionName(), indexName);
            KeyOrderedH2Backend.this.getMvStore().removeMap(legacyName + INDEX_SUFFIX);
        }

        /** The name H2Database gives an index map (its own method for it is private). */
        private String legacyMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }
    }

    /** The stock H2UniqueIndex, whose constructor is not visible outside its package. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
