package dev.switchboard.standalone;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes (the {@code _id} index of every collection
 * among them). H2's default type does not know mongo-java-server's {@code KeyValue}, which is not
 * {@code Comparable}, so it orders keys by their Java serialization and serializes both keys of
 * every B-tree comparison: 4–7 % of the standalone's CPU under load (docs/benchmarks.md). This type
 * compares the values themselves, and reads and writes keys exactly as the default type does.
 *
 * <p>The order must agree with {@code KeyValue.equals} (a list of values, each by its own
 * {@code equals}), or a unique index would miss keys it holds. It does for the plain types keys
 * are made of (strings, normalized numbers, booleans, ids, dates); any other value (a document, an
 * array of bytes) is ordered by its serialized bytes, which is what H2 did for the whole key.
 */
final class KeyValueDataType extends ObjectDataType {

    /** Final (or compared by exact class) types whose {@code compareTo} is 0 exactly when {@code equals}. */
    private static final Set<Class<?>> PLAIN = Set.of(String.class, Double.class, Long.class, Integer.class,
            Boolean.class, UUID.class, Instant.class, ObjectId.class);
    private static final int PLAIN_RANK = 1;

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            return compareKeys(left, right);
        }
        return super.compare(a, b);
    }

    @Override
    public int getMemory(Object obj) {
        if (obj instanceof KeyValue key) {
            // the default guesses 10 KB for any serialized object, which makes the page cache hold
            // a few hundred index keys instead of hundreds of thousands
            int memory = 48;
            for (Object value : key) {
                memory += value == null ? 8 : super.getMemory(value);
            }
            return memory;
        }
        return super.getMemory(obj);
    }

    static int compareKeys(KeyValue a, KeyValue b) {
        int sizes = Integer.compare(a.size(), b.size());
        if (sizes != 0) {
            return sizes;
        }
        for (int i = 0; i < a.size(); i++) {
            int values = compareValues(a.get(i), b.get(i));
            if (values != 0) {
                return values;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int rank = rank(a);
        int ranks = Integer.compare(rank, rank(b));
        if (ranks != 0) {
            return ranks;
        }
        if (rank == PLAIN_RANK) {
            if (a.getClass() != b.getClass()) {
                // never equal: each of these types equals only its own kind
                return a.getClass().getName().compareTo(b.getClass().getName());
            }
            return ((Comparable) a).compareTo(b);
        }
        return ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }

    /** Nulls first, then the plain types, then anything else. */
    private static int rank(Object value) {
        if (value == null) {
            return 0;
        }
        return PLAIN.contains(value.getClass()) ? PLAIN_RANK : 2;
    }
}
