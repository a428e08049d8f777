package dev.switchboard.executor.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.testing.TestKafka;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9's Postgres figure, side by side in one run against one local server: a {@code SELECT 1}
 * step through {@link PostgresStepCaller} (secrets, egress check, resilience guards, its own
 * transaction with a statement timeout, row mapping) over a direct JDBC {@code SELECT 1} on a warm
 * Hikari pool, both with the same login, interleaved, after a warm-up. Prints p50/p99 for
 * docs/benchmarks.md; asserts no time. Not part of {@code verify} (the name matches no test
 * pattern): run it with {@code bench/postgres-calls.sh}.
 */
@SpringBootTest
class PostgresCallBench {

    private static final TestKafka KAFKA = new TestKafka();
    private static final TestPostgres PG = new TestPostgres();
    private static final int WARM_UP = 5_000;
    private static final int CALLS = 20_000;

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

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void selectOneStepOverDirectJdbc() throws SQLException {
        JsonNode connector = json.readTree("""
                {"namespace": "bench", "name": "db", "type": "postgres",
                 "baseUrl": "postgres://127.0.0.1:%d/postgres", "auth": {"type": "basic", "secret": "pg_login"},
                 "retry": {"maxAttempts": 1}}""".formatted(PG.port()));
        try (HikariDataSource direct = directPool()) {
            for (int i = 0; i < WARM_UP; i++) {
                assertThat(selectOne(direct)).isEqualTo(1);
                assertThat(caller.call(step(), Optional.of(connector), Map.of()).success()).isTrue();
            }
            Histogram plain = new Histogram(3);
            Histogram stepped = new Histogram(3);
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                selectOne(direct);
                plain.recordValue(System.nanoTime() - start);
                start = System.nanoTime();
                caller.call(step(), Optional.of(connector), Map.of());
                stepped.recordValue(System.nanoTime() - start);
            }
            report("direct JDBC SELECT 1 (warm Hikari pool)", plain);
            report("postgres step SELECT 1", stepped);
            System.out.printf("postgres step overhead: p50 %.3f ms, p99 %.3f ms%n",
                    ms(stepped.getValueAtPercentile(50)) - ms(plain.getValueAtPercentile(50)),
                    ms(stepped.getValueAtPercentile(99)) - ms(plain.getValueAtPercentile(99)));
        }
    }

    private static HikariDataSource directPool() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {PG.port()});
        source.setDatabaseName("postgres");
        source.setUser(TestPostgres.USER);
        source.setPassword(TestPostgres.PASSWORD);
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(5);
        return new HikariDataSource(config);
    }

    private static int selectOne(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT 1");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private StepRequested step() {
        StepRequest request = new StepRequest(StepKind.POSTGRES, "bench/db", null, null, null, null, null, null,
                json.readTree("{\"query\": \"SELECT 1\"}"), null, null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), null, "bench-run", "query", 0, 1,
                Instant.now().plusSeconds(60), request, null, "bench");
    }

    private static void report(String label, Histogram nanos) {
        System.out.printf("%-45s p50 %.3f ms  p99 %.3f ms  (n=%d)%n", label, ms(nanos.getValueAtPercentile(50)),
                ms(nanos.getValueAtPercentile(99)), nanos.getTotalCount());
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
