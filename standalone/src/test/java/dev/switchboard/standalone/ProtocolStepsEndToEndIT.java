package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.TestFtpServer;
import dev.switchboard.testing.TestSftpServer;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.switchboard.testing.ApiClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9 end to end, through the gateway, against real servers started here: a tool reads rows
 * from Postgres with a templated, bound parameter, loops over them putting one JSON file per row
 * over SFTP, and lists them over FTP (both servers serve one directory). An injection attempt
 * through an input is bound as a value; a wrong SFTP host key is refused; bad step bodies are 400s
 * when the tool is saved; the connector test endpoint works for every protocol.
 */
class ProtocolStepsEndToEndIT {

    @TempDir
    static Path shared;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static EmbeddedPostgres postgres;
    private static TestSftpServer sftp;
    private static TestFtpServer ftp;
    private static int port;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        sql("CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, tags jsonb)",
                "INSERT INTO users VALUES (1, 'ada', '[\"math\"]'), (2, 'grace', '[\"navy\"]'),"
                        + " (3, 'alan', '[]'), (4, 'edsger', null)");
        Files.createDirectories(shared.resolve("out"));
        Files.createDirectories(shared.resolve("probe"));
        sftp = new TestSftpServer(shared);
        ftp = new TestFtpServer(shared);
        SharedStandalone shared = SharedStandalone.get();
        port = shared.port();
        api = new ApiClient(port);
        admin = SwitchboardCommand.token(new TokenOptions("ops", List.of("admin"), shared.dataDir,
                Duration.ofHours(1)));
        secret("pg_login", "postgres:not-checked-by-trust-auth");
        secret("sftp_login", TestSftpServer.USER + ":" + TestSftpServer.PASSWORD);
        secret("ftp_login", TestFtpServer.USER + ":" + TestFtpServer.PASSWORD);
        created(send("POST", "/api/v1/connectors", """
                {"namespace": "e2e", "name": "db", "type": "postgres",
                 "baseUrl": "postgres://127.0.0.1:%d/postgres", "auth": {"type": "basic", "secret": "pg_login"},
                 "operations": [{"name": "one", "requestBody": {"query": "SELECT 1 AS one"}}]}"""
                .formatted(postgres.getPort())));
        created(send("POST", "/api/v1/connectors", """
                {"namespace": "e2e", "name": "drop", "type": "sftp", "baseUrl": "sftp://127.0.0.1:%d/",
                 "auth": {"type": "basic", "secret": "sftp_login"}, "knownHosts": %s,
                 "operations": [{"name": "list_probe", "requestBody": {"operation": "list", "path": "/probe"}}]}"""
                .formatted(sftp.port(), JSON.getNodeFactory().stringNode(sftp.knownHostsLine()))));
        created(send("POST", "/api/v1/connectors", """
                {"namespace": "e2e", "name": "stranger", "type": "sftp", "baseUrl": "sftp://127.0.0.1:%d/",
                 "auth": {"type": "basic", "secret": "sftp_login"},
                 "knownHosts": %s,
                 "operations": [{"name": "list_root", "requestBody": {"operation": "list", "path": "/"}}]}"""
                .formatted(sftp.port(), JSON.getNodeFactory().stringNode("[127.0.0.1]:" + sftp.port() + " "
                        + PublicKeyEntry.toString(TestSftpServer.ecKeyPair().getPublic())))));
        created(send("POST", "/api/v1/connectors", """
                {"namespace": "e2e", "name": "mirror", "type": "ftp", "baseUrl": "ftp://127.0.0.1:%d/",
                 "auth": {"type": "basic", "secret": "ftp_login"},
                 "operations": [{"name": "list_probe", "requestBody": {"operation": "list", "path": "/probe"}}]}"""
                .formatted(ftp.port())));
        created(send("POST", "/api/v1/tools", """
                {"id": "export-users",
                 "inputSchema": {"type": "object", "required": ["minId"], "properties": {"minId": {"type": "integer"}}},
                 "steps": [
                   {"id": "users", "connector": "e2e/db",
                    "body": {"query": "SELECT id, name, tags FROM users WHERE id >= $1 ORDER BY id",
                             "params": ["<<minId>>"]}},
                   {"id": "upload", "connector": "e2e/drop", "dataSelector": "(sourceData) => sourceData.users.data",
                    "body": {"operation": "put", "path": "/out/user-<<currentItem.id>>.json",
                             "content": "<<currentItem>>"}},
                   {"id": "listing", "connector": "e2e/mirror", "body": {"operation": "list", "path": "/out"}}],
                 "outputTransform": "(sourceData) => sourceData.listing.data.map(f => f.name)"}"""));
        created(send("POST", "/api/v1/tools", """
                {"id": "find-user", "steps": [{"id": "found", "connector": "e2e/db",
                   "body": {"query": "SELECT id FROM users WHERE name = $1", "params": ["<<name>>"]}}]}"""));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable server : new AutoCloseable[] {sftp, ftp, postgres}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void rowsFromPostgresBecomeOneFileEachOverSftpThatFtpLists() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/v1/tools/export-users/run", "{\"inputs\": {\"minId\": 2}}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(answer.body());
        assertThat(run.path("status").asString()).as(answer.body()).isEqualTo("success");
        assertThat(names(run.path("data"))).containsExactly("user-2.json", "user-3.json", "user-4.json");
        assertThat(run.at("/stepResults/0/items/0/data/0/tags/0").asString()).isEqualTo("navy");
        JsonNode uploads = run.at("/stepResults/1");
        assertThat(uploads.path("total").asInt()).isEqualTo(3);
        assertThat(uploads.path("failed").asInt()).isZero();
        assertThat(uploads.at("/items/0/data/path").asString()).isEqualTo("/out/user-2.json");
        JsonNode written = JSON.readTree(Files.readString(shared.resolve("out/user-4.json")));
        assertThat(written.path("name").asString()).isEqualTo("edsger");
        assertThat(written.path("tags").isNull()).isTrue();
    }

    @Test
    void anInjectionAttemptThroughAnInputIsBoundAsAValueAndTheTableSurvives() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/v1/tools/find-user/run",
                "{\"inputs\": {\"name\": \"'; DROP TABLE users; --\"}}");

        JsonNode run = JSON.readTree(answer.body());
        assertThat(run.path("status").asString()).as(answer.body()).isEqualTo("success");
        assertThat(run.at("/stepResults/0/items/0/data").isArray()).isTrue();
        assertThat(run.at("/stepResults/0/items/0/data").size()).isZero();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM users")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    void anSftpServerWhoseKeyIsNotTheKnownOneIsRefusedBeforeLoggingIn() throws Exception {
        int loginsBefore = sftp.logins.get();

        JsonNode tested = JSON.readTree(send("POST", "/api/v1/connectors/e2e/stranger/test/list_root", "{}").body());

        assertThat(tested.path("success").asBoolean()).isFalse();
        assertThat(tested.at("/error/code").asString()).isEqualTo("HOST_KEY_REJECTED");
        assertThat(sftp.logins.get()).isEqualTo(loginsBefore);
    }

    @Test
    void eachProtocolsOperationsCanBeTriedThroughTheConnectorTestEndpoint() throws Exception {
        JsonNode one = JSON.readTree(send("POST", "/api/v1/connectors/e2e/db/test/one", "{}").body());
        Files.writeString(shared.resolve("probe/probe.txt"), "hello");
        JsonNode overSftp = JSON.readTree(send("POST", "/api/v1/connectors/e2e/drop/test/list_probe", "{}").body());
        JsonNode overFtp = JSON.readTree(send("POST", "/api/v1/connectors/e2e/mirror/test/list_probe", "{}").body());

        assertThat(one.path("success").asBoolean()).as(one.toString()).isTrue();
        assertThat(one.at("/body/0/one").asInt()).isEqualTo(1);
        assertThat(names(overSftp.path("body"))).contains("probe.txt");
        assertThat(names(overFtp.path("body"))).contains("probe.txt");
    }

    @Test
    void badStepBodiesAreRefusedWhenTheToolIsSavedAndNothingIsStored() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/v1/tools", """
                {"id": "broken-files", "steps": [
                   {"id": "a", "connector": "e2e/db", "body": {"query": "SELECT $1", "params": "x"}},
                   {"id": "b", "connector": "e2e/drop", "body": {"operation": "chmod", "path": "/x"}},
                   {"id": "c", "connector": "e2e/mirror", "body": {"operation": "get"}}]}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        List<String> fields = new ArrayList<>();
        JSON.readTree(refused.body()).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("steps[0].body.params", "steps[1].body.operation", "steps[2].body.path");
        assertThat(send("GET", "/api/v1/tools/broken-files", null).statusCode()).isEqualTo(404);
    }

    private static List<String> names(JsonNode listing) {
        List<String> names = new ArrayList<>();
        listing.forEach(entry -> names.add(entry.isString() ? entry.asString() : entry.path("name").asString()));
        return names;
    }

    private static void sql(String... statements) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void secret(String name, String value) throws Exception {
        created(send("POST", "/api/v1/secrets", "{\"name\": \"" + name + "\", \"scope\": \"shared\", \"value\": \""
                + value + "\"}"));
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        return api.send(method, path, admin, json == null ? null : "application/json", json, Map.of());
    }
}
