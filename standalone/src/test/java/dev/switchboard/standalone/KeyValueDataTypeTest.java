package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyValueDataTypeTest {

    private final KeyValueDataType type = new KeyValueDataType();

    @Test
    void ordersStringsByTheirCharacters() {
        // the serialized order put shorter strings first; a lookup must not depend on either order,
        // only on agreeing with equals
        assertThat(type.compare(new KeyValue("b"), new KeyValue("ab"))).isPositive();
        assertThat(type.compare(new KeyValue("run-1"), new KeyValue("run-1"))).isZero();
        assertThat(type.compare(new KeyValue("run-1", 3.0), new KeyValue("run-1", 4.0))).isNegative();
    }

    @Test
    void neverCallsDifferentKindsOfValueEqual() {
        assertThat(type.compare(new KeyValue(1.0), new KeyValue(1L))).isNotZero();
        assertThat(type.compare(new KeyValue("1"), new KeyValue(1.0))).isNotZero();
        assertThat(type.compare(new KeyValue((Object) null), new KeyValue("x"))).isNegative();
        assertThat(type.compare(new KeyValue(0.0), new KeyValue(-0.0))).isNotZero();
    }

    @Test
    void agreesWithEqualsAndIsATotalOrderOverMixedKeys() {
        List<KeyValue> keys = mixedKeys(new Random(7), 120);
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = type.compare(a, b);
                assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(ab)).as("antisymmetric %s %s", a, b).isEqualTo(-Integer.signum(type.compare(b, a)));
                for (KeyValue c : keys) {
                    if (ab < 0 && type.compare(b, c) < 0) {
                        assertThat(type.compare(a, c)).as("transitive %s %s %s", a, b, c).isNegative();
                    }
                }
            }
        }
    }

    @Test
    void otherValuesAreOrderedAsTheStockTypeOrderedThem() {
        Document first = new Document("a", 1.0);
        Document second = new Document("a", 2.0);
        assertThat(Integer.signum(type.compare(new KeyValue(first), new KeyValue(second))))
                .isEqualTo(Integer.signum(new org.h2.mvstore.type.ObjectDataType().compare(first, second)));
        assertThat(type.compare(new KeyValue(new Document("a", 1.0)), new KeyValue(new Document("a", 1.0)))).isZero();
    }

    @Test
    void estimatesAKeysMemoryFromItsValues() {
        // the stock type guesses 10 KB for each, so the page cache holds almost no index pages
        assertThat(type.getMemory(new KeyValue("6f1c7a52-0d7b-4d7e-9a7e-0c1b2d3e4f50", 3.0))).isBetween(50, 400);
    }

    private static List<KeyValue> mixedKeys(Random random, int count) {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Object> values = new ArrayList<>();
            int size = 1 + random.nextInt(2);
            for (int v = 0; v < size; v++) {
                values.add(switch (random.nextInt(9)) {
                    case 0 -> null;
                    case 1 -> "s" + random.nextInt(6);
                    case 2 -> (double) random.nextInt(4);
                    case 3 -> (long) random.nextInt(4) + Long.MAX_VALUE / 2;
                    case 4 -> random.nextBoolean();
                    case 5 -> new UUID(0, random.nextInt(3));
                    case 6 -> Instant.ofEpochSecond(random.nextInt(3));
                    case 7 -> new ObjectId(String.format("%024x", random.nextInt(3)));
                    default -> new Document("n", (double) random.nextInt(3));
                });
            }
            keys.add(new KeyValue(values));
        }
        return keys;
    }
}
