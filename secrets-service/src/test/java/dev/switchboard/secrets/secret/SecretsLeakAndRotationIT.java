package dev.switchboard.secrets.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.Topics;
import dev.switchboard.secrets.crypto.KeyRing;
import dev.switchboard.secrets.crypto.SealedValue;
import dev.switchboard.secrets.crypto.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The plaintext goes nowhere but the resolve answer: not Mongo, not Kafka, not the logs. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsLeakAndRotationIT extends SecretsFixture {

    private static final String VALUE = "xoxb-7f3a9c1e-PLAINTEXT-CANARY";

    @Test
    void aFullCycleLeavesTheValueNowhereButTheResolveAnswer(CapturedOutput output) {
        create(ADMIN, "canary", VALUE, "shared");
        create(ALICE, "canary", VALUE + "-alice", "private");
        api().put("/api/v1/secrets/canary?scope=private", ALICE,
                json.createObjectNode().put("value", VALUE + "-v2").toString());
        assertThat(body(resolve("canary", "alice")).get("value").asString()).isEqualTo(VALUE + "-v2");
        assertThat(body(resolve("canary", "bob")).get("value").asString()).isEqualTo(VALUE);
        api().post("/api/v1/secrets", ALICE, "{\"name\": \"canary\", \"value\": " + VALUE + "}");
        api().post("/api/v1/secrets/rotate-key", ADMIN, "");
        api().delete("/api/v1/secrets/canary?scope=private", ALICE);

        for (String collection : mongo.getCollectionNames()) {
            for (Document doc : mongo.findAll(Document.class, collection)) {
                assertThat(doc.toJson()).as(collection).doesNotContain("PLAINTEXT-CANARY");
            }
        }
        List<ConsumerRecord<String, byte[]>> events = secretEvents();
        assertThat(events).extracting(ConsumerRecord::key).contains("shared:canary", "private:alice:canary");
        for (ConsumerRecord<String, byte[]> event : events) {
            assertThat(new String(event.value(), StandardCharsets.UTF_8)).doesNotContain("CANARY")
                    .doesNotContain("ciphertext");
        }
        assertThat(events).anySatisfy(e -> assertThat(new String(e.value(), StandardCharsets.UTF_8))
                .contains("\"change\":\"deleted\""));
        assertThat(output.getAll()).doesNotContain("CANARY");
    }

    @Test
    void rotationMovesEveryValueToTheActiveKeySoTheOldOneCanBeRemoved() {
        // Written before the rotation under k2, as if k2 had been the active key then.
        SecretCipher before = new SecretCipher(new KeyRing(Map.of("k2", K2), null));
        for (String name : List.of("old_one", "old_two")) {
            String aad = SecretDocument.aad("shared", null, name, 1);
            SealedValue sealed = before.seal(("value-of-" + name).getBytes(StandardCharsets.UTF_8), aad);
            mongo.insert(new SecretDocument(SecretDocument.id("shared", null, name), name, "shared", null, null, 1,
                    "k2", sealed.nonce(), sealed.ciphertext(), false, "root", "root", Instant.now(), Instant.now()));
        }
        create(ALICE, "already_new", "value-new", "private");

        var result = body(api().post("/api/v1/secrets/rotate-key", ADMIN, ""));

        assertThat(result.get("activeKeyId").asString()).isEqualTo("k1");
        assertThat(result.get("rotated").asInt()).isEqualTo(2);
        assertThat(result.get("remaining").asInt()).isZero();
        assertThat(body(resolve("old_one", "bob")).get("value").asString()).isEqualTo("value-of-old_one");
        assertThat(body(api().get("/api/v1/secrets/old_two", ALICE)).get("keyId").asString()).isEqualTo("k1");
        SecretCipher withoutOldKey = new SecretCipher(new KeyRing(Map.of("k1", K1), null));
        for (Document doc : mongo.findAll(Document.class, "secrets")) {
            assertThat(doc.getString("keyId")).isEqualTo("k1");
            byte[] plaintext = withoutOldKey.open(new SealedValue("k1",
                    doc.get("nonce", org.bson.types.Binary.class).getData(),
                    doc.get("ciphertext", org.bson.types.Binary.class).getData()), SecretDocument.aad(
                    doc.getString("scope"), doc.getString("owner"), doc.getString("name"),
                    doc.get("version", Number.class).longValue()));
            assertThat(new String(plaintext, StandardCharsets.UTF_8)).startsWith("value-");
        }
        assertThat(api().post("/api/v1/secrets/rotate-key", ALICE, "").statusCode()).isEqualTo(403);
    }

    private static List<ConsumerRecord<String, byte[]>> secretEvents() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "leak-check-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SECRETS_CHANGES));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && records.stream().noneMatch(r ->
                    new String(r.value(), StandardCharsets.UTF_8).contains("\"change\":\"deleted\""))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
