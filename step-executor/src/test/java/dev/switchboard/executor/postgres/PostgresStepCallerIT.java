package dev.switchboard.executor.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.ConnectorChanged;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.kafka.EventSerde;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.executor.call.StepOutcome;
import dev.switchboard.executor.egress.EgressPolicy;
import dev.switchboard.executor.egress.EgressProperties;
import dev.switchboard.executor.resilience.ConnectorResilience;
import dev.switchboard.executor.secret.SecretResolver;
import dev.switchboard.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Postgres steps against a real Postgres server that checks passwords (ARCHITECTURE §5, ADR 013),
 * with the executor's own context: its secrets client, resilience, egress policy and registry view.
 */
@SpringBootTest
class PostgresStepCallerIT {

    private static final TestKafka KAFKA = new TestKafka();
    private static final TestPostgres PG = new TestPostgres();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PG.register(registry, KAFKA);
    }

    @AfterAll
    static void stop() throws IOException {
        PG.close();
    }

    @Autowired
    PostgresStepCaller caller;
    @Autowired
    PostgresPools pools;
    @Autowired
    RegistryView registry;
    @Autowired
    SecretResolver secrets;
    @Autowired
    ConnectorResilience resilience;
    @Autowired
    PostgresProperties properties;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void freshTable() throws SQLException {
        PG.admin("DROP TABLE IF EXISTS people", "CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL)",
                "ALTER TABLE people OWNER TO " + TestPostgres.USER,
                "INSERT INTO people (name) VALUES ('ada'), ('grace'), ('edsger')");
    }

    @Test
    void columnsComeBackWithTheirJsonTypes() {
        StepOutcome outcome = call("acme/types", connector("types", ""), """
                {"query": "SELECT 42::int4 AS i, 9007199254740993::int8 AS big, 12.50::numeric AS price, \
                   1.5::float8 AS f, 'NaN'::float8 AS nan, true AS ok, '{\\"a\\": [1, 2]}'::jsonb AS doc, \
                   '[1, {\\"b\\": null}]'::json AS list, '2024-03-01 12:34:56.789+02'::timestamptz AS at, \
                   '2024-03-01 12:34:56'::timestamp AS local, '2024-03-01'::date AS day, '08:30:00'::time AS t, \
                   '\\\\x0102ff'::bytea AS raw, ARRAY[1, 2, 3] AS ids, ARRAY['x', NULL] AS words, \
                   NULL::text AS nothing, 'infinity'::timestamptz AS forever, \
                   '11111111-2222-3333-4444-555555555555'::uuid AS id, interval '1 day 2 hours' AS span"}""");

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        JsonNode row = outcome.data().get(0);
        assertThat(outcome.data().size()).isEqualTo(1);
        assertThat(row.get("i").isIntegralNumber()).isTrue();
        assertThat(row.get("i").asInt()).isEqualTo(42);
        assertThat(row.get("big").longValue()).isEqualTo(9007199254740993L);
        assertThat(row.get("price").isNumber()).isTrue();
        assertThat(row.get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(row.get("price").toString()).isEqualTo("12.50");
        assertThat(row.get("f").doubleValue()).isEqualTo(1.5);
        assertThat(row.get("nan").asString()).isEqualTo("NaN");
        assertThat(row.get("ok").isBoolean()).isTrue();
        assertThat(row.get("doc")).isEqualTo(json.readTree("{\"a\": [1, 2]}"));
        assertThat(row.get("list")).isEqualTo(json.readTree("[1, {\"b\": null}]"));
        assertThat(row.get("at").asString()).isEqualTo("2024-03-01T10:34:56.789Z");
        assertThat(row.get("local").asString()).isEqualTo("2024-03-01T12:34:56");
        assertThat(row.get("day").asString()).isEqualTo("2024-03-01");
        assertThat(row.get("t").asString()).isEqualTo("08:30:00");
        assertThat(row.get("raw").asString()).isEqualTo("AQL/");
        assertThat(row.get("ids")).isEqualTo(json.readTree("[1, 2, 3]"));
        assertThat(row.get("words")).isEqualTo(json.readTree("[\"x\", null]"));
        assertThat(row.get("nothing").isNull()).isTrue();
        assertThat(row.get("forever").asString()).isEqualTo("infinity");
        assertThat(row.get("id").asString()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(row.get("span").asString()).isEqualTo("1 day 02:00:00");
    }

    @Test
    void anInjectionAttemptInAnInputIsBoundAsAValueAndTheTableSurvives() throws SQLException {
        String attack = "'; drop table people; --";
        StepOutcome inserted = call("acme/app", connector("app", ""), """
                {"query": "INSERT INTO people (name) VALUES ($1) RETURNING name", "params": [%s]}"""
                .formatted(json.writeValueAsString(attack)));
        StepOutcome found = call("acme/app", connector("app", ""), """
                {"query": "SELECT count(*) AS n, '$1' AS literal FROM people WHERE name = $1", "params": [%s]}"""
                .formatted(json.writeValueAsString(attack)));

        assertThat(inserted.success()).as(String.valueOf(inserted.error())).isTrue();
        assertThat(inserted.data().get(0).get("name").asString()).isEqualTo(attack);
        assertThat(found.data().get(0).get("n").asInt()).isEqualTo(1);
        // a $1 inside a literal is text, not a placeholder
        assertThat(found.data().get(0).get("literal").asString()).isEqualTo("$1");
        assertThat(adminCount("SELECT count(*) FROM people")).isEqualTo(4);
    }

    @Test
    void aPlaceholderMayBeUsedTwiceOrOutOfOrderAndTypesFollowTheJsonValues() {
        StepOutcome outcome = call("acme/app", connector("app", ""), """
                {"query": "SELECT $2 + 1 AS next, $1 AS name, $1 = 'ada' AS same, $3::jsonb -> 'k' AS k, \
                   $4::text IS NULL AS missing, $5 AS flag, (SELECT count(*) FROM people WHERE id = $6) AS by_text_id",
                 "params": ["ada", 41, {"k": [true]}, null, false, "1"]}""");

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        JsonNode row = outcome.data().get(0);
        assertThat(row.get("next").asInt()).isEqualTo(42);
        assertThat(row.get("name").asString()).isEqualTo("ada");
        assertThat(row.get("same").asBoolean()).isTrue();
        assertThat(row.get("k")).isEqualTo(json.readTree("[true]"));
        assertThat(row.get("missing").asBoolean()).isTrue();
        assertThat(row.get("flag").isBoolean()).isTrue();
        // strings are bound untyped: "1" compares with an integer column
        assertThat(row.get("by_text_id").asInt()).isEqualTo(1);
    }

    @Test
    void aWriteWithoutReturningAnswersItsRowCount() throws SQLException {
        StepOutcome outcome = call("acme/app", connector("app", ""), """
                {"query": "UPDATE people SET name = upper(name) WHERE name <> $1", "params": ["ada"]}""");

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.data().propertyNames()).containsExactly("rowCount");
        assertThat(outcome.data().get("rowCount").asInt()).isEqualTo(2);
        assertThat(adminCount("SELECT count(*) FROM people WHERE name = upper(name)")).isEqualTo(2);
    }

    @Test
    void aWrongPasswordFailsWithTheServersErrorAndNoSecretInIt() {
        StepOutcome outcome = call("acme/wrong", connector("wrong", "", "pg_wrong"), """
                {"query": "SELECT 1"}""");

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("AUTH_FAILED");
        assertThat(outcome.error().message()).contains("28P01").contains("password authentication failed")
                .doesNotContain(TestPostgres.WRONG_PASSWORD).doesNotContain(TestPostgres.PASSWORD);
        assertThat(outcome.retries()).isZero();
        assertThat(pools.openPools("acme/wrong")).isEmpty();
    }

    @Test
    void aReadOnlyConnectorRefusesWritesAndStillReads() throws SQLException {
        JsonNode readOnly = connector("reports", ", \"readOnly\": true");
        StepOutcome write = call("acme/reports", readOnly, """
                {"query": "DELETE FROM people WHERE name = $1", "params": ["ada"]}""");
        StepOutcome read = call("acme/reports", readOnly, """
                {"query": "SELECT name FROM people ORDER BY id"}""");

        assertThat(write.success()).isFalse();
        assertThat(write.error().code()).isEqualTo("SQL_ERROR");
        assertThat(write.error().message()).contains("25006").contains("read-only transaction");
        assertThat(adminCount("SELECT count(*) FROM people")).isEqualTo(3);
        assertThat(read.success()).as(String.valueOf(read.error())).isTrue();
        assertThat(read.data().get(0).get("name").asString()).isEqualTo("ada");
    }

    @Test
    void aStatementLongerThanItsTimeoutIsCancelledByTheServer() {
        StepOutcome stepTimeout = call("acme/app", connector("app", ""), """
                {"query": "SELECT pg_sleep(10)", "timeoutMs": 200}""");
        StepOutcome connectorTimeout = call("acme/slow", connector("slow", ", \"timeoutMs\": 300"), """
                {"query": "SELECT pg_sleep(10)"}""");
        // the connector's timeout is the ceiling: a step cannot ask for more
        StepOutcome longerAsked = call("acme/slow", connector("slow", ", \"timeoutMs\": 300"), """
                {"query": "SELECT pg_sleep(10)", "timeoutMs": 60000}""");

        for (StepOutcome outcome : List.of(stepTimeout, connectorTimeout, longerAsked)) {
            assertThat(outcome.success()).isFalse();
            assertThat(outcome.error().code()).isEqualTo("TIMEOUT");
            assertThat(outcome.error().message()).contains("57014");
        }
        assertThat(stepTimeout.error().message()).contains("200 ms");
        assertThat(longerAsked.error().message()).contains("300 ms");
        // the timeout was the transaction's own: the next step on the same connection is not limited by it
        assertThat(call("acme/app", connector("app", ""), "{\"query\": \"SELECT pg_sleep(0.3) AS slept\"}")
                .success()).isTrue();
    }

    @Test
    void moreRowsThanTheLimitFailOrAreTruncatedWhenTheStepSaysSo() throws SQLException {
        JsonNode app = connector("app", "");
        StepOutcome tooMany = call("acme/app", app, """
                {"query": "SELECT g FROM generate_series(1, 20) g", "maxRows": 10}""");
        StepOutcome truncated = call("acme/app", app, """
                {"query": "SELECT g FROM generate_series(1, 20) g", "maxRows": 10, "onLimit": "truncate"}""");
        StepOutcome whole = call("acme/app", app, """
                {"query": "SELECT g FROM generate_series(1, 10) g", "maxRows": 10, "onLimit": "truncate"}""");
        StepOutcome ceiling = call("acme/capped", connector("capped", ", \"maxRows\": 3"), """
                {"query": "SELECT g FROM generate_series(1, 20) g", "maxRows": 10, "onLimit": "truncate"}""");
        StepOutcome writeTooMany = call("acme/app", app, """
                {"query": "UPDATE people SET name = 'x' RETURNING id", "maxRows": 2}""");

        assertThat(tooMany.error().code()).isEqualTo("RESULT_TOO_LARGE");
        assertThat(tooMany.error().message()).contains("more than 10 rows");
        assertThat(truncated.data().get("truncated").asBoolean()).isTrue();
        assertThat(truncated.data().get("rows").size()).isEqualTo(10);
        assertThat(truncated.data().get("rows").get(9).get("g").asInt()).isEqualTo(10);
        assertThat(whole.data().get("truncated").asBoolean()).isFalse();
        assertThat(whole.data().get("rows").size()).isEqualTo(10);
        assertThat(ceiling.data().get("rows").size()).isEqualTo(3);
        // the write whose result was refused is undone: nothing half written
        assertThat(writeTooMany.error().code()).isEqualTo("RESULT_TOO_LARGE");
        assertThat(adminCount("SELECT count(*) FROM people WHERE name = 'x'")).isZero();
    }

    @Test
    void theDefaultRowLimitIsTheExecutorsWhenNeitherStepNorConnectorSetsOne() {
        StepOutcome outcome = call("acme/app", connector("app", ""), """
                {"query": "SELECT g FROM generate_series(1, $1) g", "params": [%d]}"""
                .formatted(properties.maxRows() + 1));

        assertThat(properties.maxRows()).isEqualTo(10_000);
        assertThat(outcome.error().code()).isEqualTo("RESULT_TOO_LARGE");
        assertThat(outcome.error().message()).contains("more than 10000 rows");
    }

    @Test
    void aSecretInParamsIsBoundAtCallTimeAndMaskedInTheResultAndASecretInTheQueryIsRefused() {
        StepOutcome outcome = call("acme/app", connector("app", ""), """
                {"query": "SELECT $1 = '%s' AS matches, $1 AS echoed", "params": ["{{secret:api_token}}"]}"""
                .formatted(TestPostgres.PARAM_TOKEN));
        StepOutcome inQuery = call("acme/app", connector("app", ""), """
                {"query": "SELECT '{{secret:api_token}}' AS t"}""");

        assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.data().get(0).get("matches").asBoolean()).isTrue();
        assertThat(outcome.data().get(0).get("echoed").asString()).isEqualTo("****");
        assertThat(inQuery.error().code()).isEqualTo("UNSAFE_QUERY");
    }

    @Test
    void aMissingSecretFailsWithSecretNotFoundAndNoConnectionIsMade() throws IOException {
        // nothing listens there: had a connection been tried, the step would fail with CONNECTION_FAILED
        int closed = freePort();
        JsonNode nowhere = json.readTree("""
                {"namespace": "acme", "name": "nowhere", "type": "postgres",
                 "baseUrl": "postgres://127.0.0.1:%d/postgres", "auth": {"type": "basic", "secret": "pg_login"}}"""
                .formatted(closed));
        StepOutcome paramSecret = call("acme/nowhere", nowhere, """
                {"query": "SELECT $1", "params": ["{{secret:no_such_secret}}"]}""");
        StepOutcome loginSecret = call("acme/nowhere", connector("nowhere", "", "no_such_login"), """
                {"query": "SELECT 1"}""");

        assertThat(paramSecret.error().code()).isEqualTo("SECRET_NOT_FOUND");
        assertThat(paramSecret.calls().requests()).isZero();
        assertThat(loginSecret.error().code()).isEqualTo("SECRET_NOT_FOUND");
        assertThat(pools.openPools("acme/nowhere")).isEmpty();
    }

    @Test
    void connectErrorsAreRetriedAndSqlErrorsAreNot() throws IOException {
        int closed = freePort();
        JsonNode down = json.readTree("""
                {"namespace": "acme", "name": "down", "type": "postgres",
                 "baseUrl": "postgres://127.0.0.1:%d/postgres", "auth": {"type": "basic", "secret": "pg_login"},
                 "retry": {"maxAttempts": 3, "backoffMs": 0}}""".formatted(closed));
        StepOutcome unreachable = call("acme/down", down, "{\"query\": \"SELECT 1\"}");
        JsonNode up = json.readTree("""
                {"namespace": "acme", "name": "retrying", "type": "postgres",
                 "baseUrl": "postgres://127.0.0.1:%d/postgres", "auth": {"type": "basic", "secret": "pg_login"},
                 "retry": {"maxAttempts": 3, "backoffMs": 0}}""".formatted(PG.port()));
        StepOutcome badSql = call("acme/retrying", up, "{\"query\": \"SELECT * FROM no_such_table\"}");

        assertThat(unreachable.error().code()).isEqualTo("CONNECTION_FAILED");
        assertThat(unreachable.error().message()).contains("08001");
        assertThat(unreachable.retries()).isEqualTo(2);
        assertThat(unreachable.calls().requests()).isEqualTo(3);
        assertThat(badSql.error().code()).isEqualTo("SQL_ERROR");
        assertThat(badSql.error().message()).contains("42P01").contains("no_such_table");
        assertThat(badSql.retries()).isZero();
    }

    @Test
    void theConnectorsSslmodeIsWhatTheDriverUses() {
        // the test server speaks no TLS: require must fail, disable must work
        StepOutcome required = call("acme/tls", connector("tls", ", \"sslmode\": \"require\""), "{\"query\": \"SELECT 1\"}");
        StepOutcome plain = call("acme/plain", connector("plain", ", \"sslmode\": \"disable\""), "{\"query\": \"SELECT 1\"}");

        assertThat(required.error().code()).isEqualTo("CONNECTION_FAILED");
        assertThat(required.error().message()).containsIgnoringCase("SSL");
        assertThat(plain.success()).as(String.valueOf(plain.error())).isTrue();
    }

    @Test
    void privateAddressesAreRefusedWhenTheDeploymentDeniesThemBeforeAnyConnection() {
        EgressPolicy denying = new EgressPolicy(new EgressProperties(false, false, List.of()));
        PostgresPools ownPools = new PostgresPools(properties, null, denying, new SimpleMeterRegistry());
        try {
            PostgresStepCaller guarded = new PostgresStepCaller(secrets, denying, resilience, ownPools, properties, json);
            StepOutcome outcome = guarded.call(step("acme/app", "{\"query\": \"SELECT 1\"}"),
                    Optional.of(connector("app", "")), Map.of());

            assertThat(outcome.error().code()).isEqualTo("EGRESS_DENIED");
            assertThat(outcome.error().message()).contains("127.0.0.1").contains("loopback");
            assertThat(ownPools.openPools("acme/app")).isEmpty();
        } finally {
            ownPools.close();
        }
    }

    /** The check that counts is at connect time, in the driver's own socket: a later DNS answer cannot skip it. */
    @Test
    void theDriversSocketChecksTheAddressItDials() throws SQLException {
        String denying = EgressCheckedSocketFactory.register(new EgressPolicy(new EgressProperties(false, false,
                List.of())));
        String allowing = EgressCheckedSocketFactory.register(new EgressPolicy(new EgressProperties(true, false,
                List.of())));
        try {
            assertThatThrownBy(() -> {
                try (Connection ignored = source(denying).getConnection()) {
                    // not reached
                }
            }).isInstanceOf(SQLException.class).hasRootCauseInstanceOf(
                    dev.switchboard.executor.egress.EgressDeniedException.class)
                    .hasMessageNotContaining(TestPostgres.PASSWORD);
            try (Connection connection = source(allowing).getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
        } finally {
            EgressCheckedSocketFactory.unregister(denying);
            EgressCheckedSocketFactory.unregister(allowing);
        }
        assertThatThrownBy(() -> new EgressCheckedSocketFactory("never-registered"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badBodiesFailClearlyBeforeAnythingIsSentAndNothingIsWritten() throws SQLException {
        JsonNode app = connector("app", "");
        Map<String, String> bodies = Map.of(
                "{\"params\": [1]}", "INVALID_REQUEST",
                "{\"query\": \"SELECT $1\", \"params\": {\"a\": 1}}", "INVALID_REQUEST",
                "{\"query\": \"SELECT $2\", \"params\": [1]}", "INVALID_REQUEST",
                "{\"query\": \"SELECT $1\", \"params\": [1, 2]}", "INVALID_REQUEST",
                "{\"query\": \"SELECT 1\", \"limit\": 5}", "INVALID_REQUEST",
                "{\"query\": \"DELETE FROM people; DROP TABLE people\"}", "MULTIPLE_STATEMENTS",
                "{\"query\": \"SET search_path TO elsewhere\"}", "UNSUPPORTED_STATEMENT",
                "{\"query\": \"COMMIT\"}", "UNSUPPORTED_STATEMENT",
                "{\"query\": \"SELECT 1\", \"onLimit\": \"sometimes\"}", "INVALID_REQUEST");
        bodies.forEach((body, code) -> {
            StepOutcome outcome = call("acme/app", app, body);
            assertThat(outcome.success()).as(body).isFalse();
            assertThat(outcome.error().code()).as(body).isEqualTo(code);
            assertThat(outcome.calls().requests()).as(body).isZero();
        });
        assertThat(adminCount("SELECT count(*) FROM people")).isEqualTo(3);
        // a semicolon inside a literal or a trailing one is still one statement
        assertThat(call("acme/app", app, "{\"query\": \"SELECT 'a;b' AS t; -- done\"}").data().get(0).get("t")
                .asString()).isEqualTo("a;b");
    }

    @Test
    void aConnectorChangeOrDeleteClosesItsPoolOnceItsCallsInFlightAreDone() throws Exception {
        JsonNode v1 = connector("pooled", "");
        publish(new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "pooled", 1, false, v1));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.connector("acme", "pooled").isPresent());
        assertThat(call("acme/pooled", v1, "{\"query\": \"SELECT 1\"}").success()).isTrue();
        HikariDataSource first = pools.openPools("acme/pooled").getFirst();

        // a statement in flight, held by a lock the test owns
        AtomicReference<StepOutcome> inFlight = new AtomicReference<>();
        Thread running;
        try (Connection gate = PG.admin()) {
            gate.setAutoCommit(false);
            try (Statement lock = gate.createStatement()) {
                lock.execute("LOCK TABLE people IN ACCESS EXCLUSIVE MODE");
            }
            running = Thread.startVirtualThread(() -> inFlight.set(call("acme/pooled", v1,
                    "{\"query\": \"SELECT count(*) AS n FROM people\"}")));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.getHikariPoolMXBean().getActiveConnections() == 1);

            JsonNode v2 = connector("pooled", ", \"readOnly\": true");
            publish(new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "pooled", 2, false, v2));
            await().atMost(Duration.ofSeconds(20)).until(() -> pools.openPools("acme/pooled").isEmpty());
            assertThat(first.isClosed()).as("closed under a running statement").isFalse();
            gate.commit();
        }
        running.join(Duration.ofSeconds(20));
        assertThat(inFlight.get().success()).as(String.valueOf(inFlight.get().error())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(first::isClosed);

        // the new settings hold: the changed connector is read-only
        JsonNode v2 = registry.connector("acme", "pooled").orElseThrow();
        StepOutcome write = call("acme/pooled", v2, "{\"query\": \"DELETE FROM people\"}");
        assertThat(write.error().message()).contains("25006");
        HikariDataSource second = pools.openPools("acme/pooled").getFirst();

        publish(new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "pooled", 3, true, null));
        await().atMost(Duration.ofSeconds(20)).until(second::isClosed);
        assertThat(pools.openPools("acme/pooled")).isEmpty();
    }

    /** Through Kafka as the orchestrator sends it: the executor picks this caller by the step's kind. */
    @Test
    void aPostgresStepRequestedOnKafkaCompletesWithItsRows() {
        JsonNode db = connector("flow", "");
        publish(new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, "acme", "flow", 1, false, db));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.connector("acme", "flow").isPresent());
        StepRequested requested = step("acme/flow", """
                {"query": "SELECT name FROM people WHERE id = $1", "params": [2]}""");

        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STEPS_COMPLETED));
            publish(Topics.STEPS_REQUESTED, requested);
            AtomicReference<StepCompleted> completed = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (new EventSerde().deserializer().deserialize(record.topic(), record.value())
                            instanceof StepCompleted done && done.runId().equals(requested.runId())) {
                        completed.set(done);
                    }
                });
                return completed.get() != null;
            });

            assertThat(completed.get().success()).as(String.valueOf(completed.get().error())).isTrue();
            assertThat(completed.get().data()).isEqualTo(json.readTree("[{\"name\": \"grace\"}]"));
            assertThat(completed.get().calls().requests()).isEqualTo(1);
        }
    }

    private StepOutcome call(String ref, JsonNode connector, String body) {
        return caller.call(step(ref, body), Optional.of(connector), Map.of());
    }

    private StepRequested step(String ref, String body) {
        StepRequest request = new StepRequest(StepKind.POSTGRES, ref, null, null, null, null, null, null,
                json.readTree(body), null, null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), null, "run-pg-" + UUID.randomUUID(), "query",
                0, 1, Instant.now().plusSeconds(60), request, null, "alice");
    }

    private JsonNode connector(String name, String extra) {
        return connector(name, extra, "pg_login");
    }

    private JsonNode connector(String name, String extra, String secret) {
        return json.readTree("""
                {"namespace": "acme", "name": "%s", "type": "postgres", "baseUrl": "postgres://127.0.0.1:%d/postgres",
                 "auth": {"type": "basic", "secret": "%s"}, "retry": {"maxAttempts": 1}%s}"""
                .formatted(name, PG.port(), secret, extra));
    }

    private static PGSimpleDataSource source(String socketFactoryKey) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {PG.port()});
        source.setDatabaseName("postgres");
        source.setUser(TestPostgres.USER);
        source.setPassword(TestPostgres.PASSWORD);
        source.setSocketFactory(EgressCheckedSocketFactory.class.getName());
        source.setSocketFactoryArg(socketFactoryKey);
        return source;
    }

    private static long adminCount(String sql) throws SQLException {
        try (Connection connection = PG.admin(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void publish(SwitchboardEvent event) {
        publish(Topics.REGISTRY_CHANGES, event);
    }

    private static void publish(String topic, SwitchboardEvent event) {
        try (var producer = new KafkaProducer<String, SwitchboardEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(),
                new EventSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, event.key(), event));
        }
    }
}
