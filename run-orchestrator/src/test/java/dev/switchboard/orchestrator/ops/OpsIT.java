package dev.switchboard.orchestrator.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.RunOptions;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.event.TriggerType;
import dev.switchboard.contracts.kafka.EventJson;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ops endpoints against a real KRaft broker and the orchestrator's real consumers: lag
 * while its listeners are paused, a record that fails lands in the DLT and is listed with its
 * failure, replay republishes to the original topic where the orchestrator handles it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpsIT {

    private static final TestMongo MONGO = new TestMongo();
    private static final TestKafka KAFKA = new TestKafka();
    private static final byte[] KEY = TestTokens.randomKey();
    private static final String ORCHESTRATOR_GROUP = "run-orchestrator";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri() + "/runs");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
        registry.add("switchboard.ops.metrics-interval", () -> "1s");
    }

    @AfterAll
    static void stop() {
        MONGO.close();
        KAFKA.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MongoTemplate mongo;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String admin = TestTokens.mint(KEY, "root", "admin");
    private final String user = TestTokens.mint(KEY, "alice", "user");

    @Test
    void lagRisesWhileTheConsumerIsPausedAndFallsAfter() {
        // the group commits once, so it has offsets on the topic to measure lag from
        abortUnknownRun();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag(Topics.RUNS_CONTROL, ORCHESTRATOR_GROUP)).isEqualTo(0));

        List<MessageListenerContainer> engine = listeners.getListenerContainers().stream()
                .filter(c -> ORCHESTRATOR_GROUP.equals(c.getGroupId())).toList();
        assertThat(engine).isNotEmpty();
        engine.forEach(MessageListenerContainer::pause);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.stream().allMatch(c -> c.isPauseRequested()
                    && c.isContainerPaused()));
            for (int i = 0; i < 3; i++) {
                abortUnknownRun();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag(Topics.RUNS_CONTROL, ORCHESTRATOR_GROUP)).isEqualTo(3));
            for (int i = 0; i < 4; i++) {
                abortUnknownRun();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag(Topics.RUNS_CONTROL, ORCHESTRATOR_GROUP)).isEqualTo(7));
        } finally {
            engine.forEach(MessageListenerContainer::resume);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag(Topics.RUNS_CONTROL, ORCHESTRATOR_GROUP)).isEqualTo(0));

        JsonNode control = topic(Topics.RUNS_CONTROL);
        assertThat(control.get("partitions").asInt()).isEqualTo(3);
        assertThat(control.get("partitionOffsets").findValues("endOffset").stream().mapToLong(JsonNode::asLong).sum())
                .isGreaterThanOrEqualTo(8);
        assertThat(topic(Topics.dlt(Topics.RUNS_CONTROL)).get("deadLetter").asBoolean()).isTrue();
    }

    @Test
    void aPoisonRecordIsDeadLetteredListedAndReplayedOnceTheCauseIsFixed() throws Exception {
        String dlt = Topics.dlt(Topics.RUNS_REQUESTED);
        long before = total(dlt);
        // not an event at all: the orchestrator's deserializer refuses it and the error handler parks it
        String poisonKey = "poison-" + UUID.randomUUID();
        send(Topics.RUNS_REQUESTED, poisonKey, "{\"runId\": 42, \"oops\": true}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(total(dlt)).isEqualTo(before + 1));
        JsonNode letter = letter(Topics.RUNS_REQUESTED, poisonKey);
        assertThat(letter.get("value").get("oops").asBoolean()).isTrue();
        assertThat(letter.get("error").get("exception").asString()).contains("DeserializationException");
        assertThat(letter.get("error").get("message").asString()).isNotBlank();
        assertThat(letter.get("error").get("originalTopic").asString()).isEqualTo(Topics.RUNS_REQUESTED);
        assertThat(letter.get("error").get("originalOffset").isNumber()).isTrue();
        assertThat(letter.get("error").get("consumerGroup").asString()).isEqualTo(ORCHESTRATOR_GROUP);
        assertThat(letter.get("headers").properties()).noneMatch(h -> h.getKey().startsWith("kafka_dlt-"));

        // a valid run request parked while its cause (say, the store) was down: the dead-letter
        // recoverer's headers on it, as it would have written them
        String runId = "replayed-" + UUID.randomUUID();
        RunRequested requested = new RunRequested(UUID.randomUUID(), Instant.now(), "trace-1", runId, "no-such-tool",
                null, json.readTree("{}"), new Trigger(TriggerType.API, "alice", null, null, null, 0),
                new RunOptions(60_000L, null, true), null);
        byte[] event = new EventJson().toJson(requested);
        try (var raw = rawProducer()) {
            var record = new ProducerRecord<byte[], byte[]>(dlt, null, runId.getBytes(StandardCharsets.UTF_8), event);
            record.headers().add("kafka_dlt-original-topic", Topics.RUNS_REQUESTED.getBytes(StandardCharsets.UTF_8));
            record.headers().add("kafka_dlt-exception-fqcn",
                    "org.springframework.dao.DataAccessResourceFailureException".getBytes(StandardCharsets.UTF_8));
            record.headers().add("kafka_dlt-exception-message", "store down".getBytes(StandardCharsets.UTF_8));
            record.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
            raw.send(record).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(total(dlt)).isEqualTo(before + 2));
        JsonNode parked = letter(Topics.RUNS_REQUESTED, runId);
        assertThat(parked.get("error").get("message").asString()).isEqualTo("store down");
        assertThat(parked.get("headers").get("traceparent").asString()).isEqualTo("00-abc-def-01");
        assertThat(mongo.exists(byRunId(runId), RunDocument.class)).isFalse();

        HttpResponse<String> replay = client().post("/api/v1/ops/dlt/" + dlt + "/replay", admin,
                "{\"records\": [{\"partition\": " + parked.get("partition").asInt() + ", \"offset\": "
                        + parked.get("offset").asLong() + "}]}");

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        JsonNode replayed = json.readTree(replay.body()).get("replayed").get(0);
        assertThat(replayed.get("topic").asString()).isEqualTo(Topics.RUNS_REQUESTED);
        assertThat(replayed.get("offset").asLong()).isEqualTo(parked.get("offset").asLong());
        // the orchestrator took the replayed request up: the run exists now
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.exists(byRunId(runId), RunDocument.class));
        assertThat(total(dlt)).isEqualTo(before + 2);
    }

    @Test
    void replayingAnOffsetThatHoldsNoRecordIs404NamingItAndRepublishesNothing() throws Exception {
        String dlt = Topics.dlt(Topics.STEPS_COMPLETED);
        String key = "k-" + UUID.randomUUID();
        send(dlt, key, "{\"not\": \"replayed\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> total(dlt) >= 1);
        long mainRecords = total(Topics.STEPS_COMPLETED);
        JsonNode letter = letter(Topics.STEPS_COMPLETED, key);
        int partition = letter.get("partition").asInt();

        HttpResponse<String> response = client().post("/api/v1/ops/dlt/" + Topics.STEPS_COMPLETED + "/replay", admin,
                "{\"records\": [{\"partition\": " + partition + ", \"offset\": " + letter.get("offset").asLong()
                        + "}, {\"partition\": " + partition + ", \"offset\": 999999}]}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("records[1]");
        assertThat(problem.get("detail").asString()).contains("offset 999999");
        assertThat(total(Topics.STEPS_COMPLETED)).isEqualTo(mainRecords);

        HttpResponse<String> noPartition = client().post("/api/v1/ops/dlt/" + dlt + "/replay", admin,
                "{\"records\": [{\"partition\": 7, \"offset\": 0}]}");
        assertThat(noPartition.statusCode()).isEqualTo(404);
        assertThat(total(Topics.STEPS_COMPLETED)).isEqualTo(mainRecords);
    }

    @Test
    void unknownAndForeignTopicsAre404AndBadBodiesAre400() throws Exception {
        for (String name : List.of("nope", "__consumer_offsets", "switchboard.runs")) {
            HttpResponse<String> response = client().get("/api/v1/ops/dlt/" + name, admin);
            assertThat(response.statusCode()).as(name).isEqualTo(404);
            assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("topic");
        }
        String replay = "/api/v1/ops/dlt/" + Topics.RUNS_REQUESTED + "/replay";
        assertThat(field(client().post(replay, admin, "{\"records\": []}"))).isEqualTo("records");
        assertThat(field(client().post(replay, admin, "{\"records\": [{\"partition\": 0}]}")))
                .isEqualTo("records[0].offset");
        assertThat(field(client().post(replay, admin, "{\"records\": [{\"partition\": -1, \"offset\": 0}]}")))
                .isEqualTo("records[0].partition");
        HttpResponse<String> badLimit = client().get("/api/v1/ops/dlt/" + Topics.RUNS_REQUESTED + "?limit=500", admin);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badLimit.body()).get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void onlyAdminsMayLookOrReplay() throws Exception {
        String dlt = Topics.dlt(Topics.RUNS_FINISHED);
        send(dlt, "k", "{\"secretish\": true}");
        await().atMost(Duration.ofSeconds(30)).until(() -> total(dlt) >= 1);
        long finished = total(Topics.RUNS_FINISHED);

        List<HttpResponse<String>> refused = List.of(
                client().get("/api/v1/ops/topics", user),
                client().get("/api/v1/ops/dlt/" + dlt, user),
                client().post("/api/v1/ops/dlt/" + dlt + "/replay", user,
                        "{\"records\": [{\"partition\": 0, \"offset\": 0}]}"));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("secretish");
        }
        assertThat(client().get("/api/v1/ops/topics", null).statusCode()).isEqualTo(401);
        assertThat(total(Topics.RUNS_FINISHED)).isEqualTo(finished);
    }

    @Test
    void lagAndDeadLetterDepthAreExportedAsMetrics() {
        String dlt = Topics.dlt(Topics.SECRETS_CHANGES);
        send(dlt, "k", "x");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client().get("/actuator/prometheus", null)
                .body()).contains("switchboard_dlt_depth_records{topic=\"" + dlt + "\"} 1.0")
                .contains("switchboard_kafka_consumer_lag_records{"));
    }

    private ApiClient client() {
        return new ApiClient(port);
    }

    private String field(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json.readTree(response.body()).get("errors").get(0).get("field").asString();
    }

    private void abortUnknownRun() {
        String runId = "gone-" + UUID.randomUUID();
        kafka.send(Topics.RUNS_CONTROL, runId, new RunAbortRequested(UUID.randomUUID(), Instant.now(), null, runId,
                "ops-test", null)).join();
    }

    private void send(String topic, String key, String value) {
        try (var raw = rawProducer()) {
            raw.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static Query byRunId(String runId) {
        return Query.query(Criteria.where("runId").is(runId));
    }

    private JsonNode topic(String name) {
        HttpResponse<String> response = client().get("/api/v1/ops/topics", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = json.readTree(response.body()).get("data");
        return StreamSupport.stream(data.spliterator(), false).filter(t -> name.equals(t.get("name").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no topic " + name + " in " + data));
    }

    private long total(String topic) {
        return topic(topic).get("records").asLong();
    }

    /** -1 while the group has committed nothing on the topic. */
    private long lag(String topic, String group) {
        for (JsonNode lag : topic(topic).get("groups")) {
            if (group.equals(lag.get("group").asString())) {
                return lag.get("lag").asLong();
            }
        }
        return -1;
    }

    /** The dead letter with that key (the DLT has several partitions: the newest is not the last listed). */
    private JsonNode letter(String topic, String key) {
        JsonNode page = json.readTree(client().get("/api/v1/ops/dlt/" + topic + "?limit=100", admin).body());
        assertThat(page.get("total").asLong()).isEqualTo(page.get("data").size());
        return StreamSupport.stream(page.get("data").spliterator(), false)
                .filter(l -> key.equals(l.path("key").asString(null))).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with key " + key + " in " + page));
    }
}
