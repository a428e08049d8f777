package dev.switchboard.executor.files;

import dev.switchboard.testing.TestFtpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.executor.call.StepOutcome;
import dev.switchboard.executor.egress.EgressPolicy;
import dev.switchboard.executor.egress.EgressProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** FTP and FTPS steps against a real Apache FtpServer started here. */
class FtpStepCallerIT extends FileStepFixture {

    private static final TestFtpServer SERVER = new TestFtpServer();
    private static final String ECHOED_PASSWORD = "echoed-pa55word-value";

    static {
        JsonMapper json = JsonMapper.builder().build();
        SECRETS.put("ftp_login", json.createObjectNode().put("username", TestFtpServer.USER)
                .put("password", TestFtpServer.PASSWORD).toString());
        SECRETS.put("ftp_echo", json.createObjectNode().put("username", TestFtpServer.ECHO_USER)
                .put("password", ECHOED_PASSWORD).toString());
        SECRETS.put("ftp_wrong", "\"" + TestFtpServer.USER + ":not-the-pa55word\"");
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    FtpStepCaller caller;

    @BeforeEach
    void emptyBase() throws IOException {
        FileSystemUtils.deleteRecursively(SERVER.file("base"));
        Files.createDirectories(SERVER.file("base"));
    }

    @Test
    void everyOperationWorksOverFtp() throws IOException {
        everyOperation("ftp", SERVER.port());
    }

    @Test
    void everyOperationWorksOverFtpsWithTheCertificateCheckedAndPrivateDataConnections() throws IOException {
        everyOperation("ftps", SERVER.ftpsPort());
    }

    private void everyOperation(String scheme, int port) throws IOException {
        String ref = "acme/" + scheme + "-all";
        assertThat(call(scheme, port, ref, "{\"operation\": \"mkdir\", \"path\": \"/in/2026\"}").data()
                .path("created").asBoolean()).isTrue();
        StepOutcome put = call(scheme, port, ref, "{\"operation\": \"put\", \"path\": \"/in/2026/a.txt\", \"content\":"
                + " \"héllo\"}");
        assertThat(put.success()).as(String.valueOf(put.error())).isTrue();
        assertThat(Files.readString(SERVER.file("base/in/2026/a.txt"))).isEqualTo("héllo");
        assertThat(call(scheme, port, ref, "{\"operation\": \"exists\", \"path\": \"/in/2026/a.txt\"}").data()
                .asBoolean()).isTrue();
        assertThat(call(scheme, port, ref, "{\"operation\": \"exists\", \"path\": \"/in/none.txt\"}").data()
                .asBoolean()).isFalse();
        JsonNode stat = call(scheme, port, ref, "{\"operation\": \"stat\", \"path\": \"/in/2026/a.txt\"}").data();
        assertThat(stat.path("type").asString()).isEqualTo("file");
        assertThat(stat.path("size").asLong()).isEqualTo(6);
        assertThat(stat.path("modifiedAt").asString()).isNotBlank();
        JsonNode list = call(scheme, port, ref, "{\"operation\": \"list\", \"path\": \"/in\"}").data();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("path").asString()).isEqualTo("/in/2026");
        assertThat(list.get(0).path("type").asString()).isEqualTo("directory");
        assertThat(call(scheme, port, ref, "{\"operation\": \"get\", \"path\": \"/in/2026/a.txt\"}").data()
                .path("data").asString()).isEqualTo("héllo");
        call(scheme, port, ref, "{\"operation\": \"rename\", \"path\": \"/in/2026/a.txt\", \"newPath\": \"/in/b.txt\"}");
        assertThat(SERVER.file("base/in/b.txt")).hasContent("héllo");
        assertThat(SERVER.file("base/in/2026/a.txt")).doesNotExist();
        call(scheme, port, ref, "{\"operation\": \"delete\", \"path\": \"/in/b.txt\"}");
        call(scheme, port, ref, "{\"operation\": \"rmdir\", \"path\": \"/in/2026\"}");
        assertThat(SERVER.file("base/in/2026")).doesNotExist();
        assertThat(SERVER.file("base/in/b.txt")).doesNotExist();
        assertThat(call(scheme, port, ref, "{\"operation\": \"get\", \"path\": \"/in/b.txt\"}").error().code())
                .isEqualTo("FILE_NOT_FOUND");
        assertThat(call(scheme, port, ref, "{\"operation\": \"stat\", \"path\": \"/in/b.txt\"}").error().code())
                .isEqualTo("FILE_NOT_FOUND");
    }

    @Test
    void anFtpsServerWhoseCertificateIsNotTrustedIsRefused() {
        FileCallProperties jdkTrust = new FileCallProperties(MAX_FILE_BYTES, 1000, 8, Duration.ofMinutes(10), null,
                null);
        FtpStepCaller untrusting = new FtpStepCaller(secrets, resilience, new EgressPolicy(new EgressProperties(true,
                false, List.of())), sessions, jdkTrust, json);

        StepOutcome refused = untrusting.call(step(StepKind.FTP, "acme/untrusted", body("{\"operation\": \"list\","
                + " \"path\": \"/\"}")), Optional.of(connector("ftps", SERVER.ftpsPort(), "acme/untrusted",
                "ftp_login")), Map.of());

        assertThat(refused.error().code()).isEqualTo("TLS_FAILED");
        assertThat(refused.retries()).isZero();
    }

    @Test
    void aBatchRunsInOrderAndStopsAtTheFirstFailure() {
        StepOutcome failed = call("""
                [{"operation": "put", "path": "/x.csv", "content": [{"id": 1, "city": "Zürich"}]},
                 {"operation": "get", "path": "/x.csv"},
                 {"operation": "rmdir", "path": "/no-such-dir"},
                 {"operation": "put", "path": "/y.txt", "content": "y"}]""");

        assertThat(failed.success()).isFalse();
        assertThat(failed.error().message()).startsWith("operation 3 of 4 (rmdir /no-such-dir): ");
        assertThat(failed.data()).hasSize(3);
        assertThat(failed.data().get(1).at("/data/data/0/city").asString()).isEqualTo("Zürich");
        assertThat(SERVER.file("base/y.txt")).doesNotExist();
        assertThat(call("[{\"operation\": \"put\", \"path\": \"/z.txt\", \"content\": \"z\"},"
                + " {\"operation\": \"move\", \"path\": \"/z.txt\"}]").error().code()).isEqualTo("INVALID_REQUEST");
        assertThat(SERVER.file("base/z.txt")).as("nothing of a bad batch is written").doesNotExist();
    }

    @Test
    void getParsesByExtensionAndHoldsToTheSizeLimit() throws IOException {
        Files.writeString(SERVER.file("base/a.json"), "[1, 2, 3]");
        Files.write(SERVER.file("base/a.pdf"), new byte[] {'%', 'P', 'D', 'F', (byte) 0xE2});
        Files.write(SERVER.file("base/big.txt"), new byte[(int) MAX_FILE_BYTES + 10]);

        assertThat(call("{\"operation\": \"get\", \"path\": \"/a.json\"}").data().path("data").toString())
                .isEqualTo("[1,2,3]");
        JsonNode pdf = call("{\"operation\": \"get\", \"path\": \"/a.pdf\"}").data();
        assertThat(pdf.path("format").asString()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(pdf.path("data").asString())).hasSize(5);
        int logins = SERVER.logins.get();
        assertThat(call("{\"operation\": \"get\", \"path\": \"/big.txt\"}").error().code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(call("{\"operation\": \"get\", \"path\": \"/a.json\"}").success())
                .as("the session whose transfer was cut off is replaced").isTrue();
        assertThat(SERVER.logins.get() - logins).isEqualTo(1);
    }

    @Test
    void aRefusedLoginShowsTheServersWordsWithThePasswordMasked() {
        StepOutcome echoed = call("ftp", SERVER.port(), "acme/echo", "ftp_echo", "{\"operation\": \"list\", \"path\":"
                + " \"/\"}");
        StepOutcome wrong = call("ftp", SERVER.port(), "acme/wrong", "ftp_wrong", "{\"operation\": \"list\", \"path\":"
                + " \"/\"}");

        assertThat(echoed.error().code()).isEqualTo("AUTH_FAILED");
        assertThat(echoed.error().message()).contains("530 Login incorrect: password '****' refused")
                .doesNotContain(ECHOED_PASSWORD);
        assertThat(echoed.retries()).isZero();
        assertThat(wrong.error().code()).isEqualTo("AUTH_FAILED");
        assertThat(wrong.error().message()).contains("530").doesNotContain("not-the-pa55word");
    }

    @Test
    void aPathAboveTheBaseIsRefusedBeforeConnecting() {
        int connections = SERVER.connections.get();
        assertThat(call("{\"operation\": \"delete\", \"path\": \"/../../etc/passwd\"}").error().code())
                .isEqualTo("PATH_OUTSIDE_BASE");
        assertThat(call("{\"operation\": \"put\", \"path\": \"/a\\nDELE /x\", \"content\": \"x\"}").error().code())
                .isEqualTo("INVALID_REQUEST");
        assertThat(SERVER.connections.get()).isEqualTo(connections);
    }

    @Test
    void onePooledSessionServesManyCallsWithOneLogin() {
        int logins = SERVER.logins.get();
        for (int i = 0; i < 20; i++) {
            assertThat(call("ftp", SERVER.port(), "acme/ftp-pooled", "ftp_login", "{\"operation\": \"put\", \"path\":"
                    + " \"/p" + i + ".txt\", \"content\": \"" + i + "\"}").success()).isTrue();
        }
        assertThat(SERVER.logins.get() - logins).isEqualTo(1);
        assertThat(SERVER.file("base/p19.txt")).hasContent("19");
    }

    @Test
    void anIdleSessionIsLoggedOutAfterTheIdleTimeout() {
        FileCallProperties shortIdle = new FileCallProperties(MAX_FILE_BYTES, 1000, 8, Duration.ofMillis(300),
                properties.ftpsTrustStore(), properties.ftpsTrustStorePassword());
        try (FileSessions idlePool = new FileSessions(shortIdle)) {
            FtpStepCaller idleCaller = new FtpStepCaller(secrets, resilience, new EgressPolicy(new EgressProperties(
                    true, false, List.of())), idlePool, shortIdle, json);
            int before = SERVER.open.get();
            assertThat(idleCaller.call(step(StepKind.FTP, "acme/ftp-idle", body("{\"operation\": \"list\", \"path\":"
                    + " \"/\"}")), Optional.of(connector("ftp", SERVER.port(), "acme/ftp-idle", "ftp_login")), Map.of())
                    .success()).isTrue();
            assertThat(idlePool.open()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> idlePool.open() == 0 && SERVER.open.get() == before);
        }
    }

    @Test
    void aChangedConnectorHasItsSessionsClosed() {
        JsonNode connector = connector("ftp", SERVER.port(), "acme/ftp-changing", "ftp_login");
        assertThat(caller.call(step(StepKind.FTP, "acme/ftp-changing", body("{\"operation\": \"list\", \"path\":"
                + " \"/\"}")), Optional.of(connector), Map.of()).success()).isTrue();
        int open = SERVER.open.get();

        publishConnectorChange("acme", "ftp-changing", 2, connector);

        await().atMost(Duration.ofSeconds(20)).until(() -> SERVER.open.get() == open - 1);
    }

    @Test
    void connectErrorsAreRetriedAndServerRefusalsAreNot() {
        StepOutcome unreachable = call("ftp", closedPort(), "acme/ftp-down", "ftp_login", "{\"operation\": \"list\","
                + " \"path\": \"/\"}");
        StepOutcome refused = call("{\"operation\": \"rmdir\", \"path\": \"/never-made\"}");

        assertThat(unreachable.error().code()).isEqualTo("CONNECTION_FAILED");
        assertThat(unreachable.retries()).isEqualTo(2);
        assertThat(refused.error().code()).isEqualTo("FILE_NOT_FOUND");
        assertThat(refused.retries()).isZero();
    }

    @Test
    void privateAddressesAreRefusedWhenTheDeploymentDeniesThem() {
        FtpStepCaller denying = new FtpStepCaller(secrets, resilience, new EgressPolicy(new EgressProperties(false,
                false, List.of())), sessions, properties, json);
        int connections = SERVER.connections.get();

        StepOutcome refused = denying.call(step(StepKind.FTP, "acme/ftp-denied", body("{\"operation\": \"list\","
                + " \"path\": \"/\"}")), Optional.of(connector("ftp", SERVER.port(), "acme/ftp-denied", "ftp_login")),
                Map.of());

        assertThat(refused.error().code()).isEqualTo("EGRESS_DENIED");
        assertThat(SERVER.connections.get()).isEqualTo(connections);
    }

    @Test
    void aMissingSecretConnectsToNothing() {
        int connections = SERVER.connections.get();
        StepOutcome outcome = call("ftp", SERVER.port(), "acme/ftp-nosecret", "no_such_secret", "{\"operation\":"
                + " \"list\", \"path\": \"/\"}");

        assertThat(outcome.error().code()).isEqualTo("SECRET_NOT_FOUND");
        assertThat(SERVER.connections.get()).isEqualTo(connections);
    }

    private StepOutcome call(String body) {
        return call("ftp", SERVER.port(), "acme/ftp", body);
    }

    private StepOutcome call(String scheme, int port, String ref, String body) {
        return call(scheme, port, ref, "ftp_login", body);
    }

    private StepOutcome call(String scheme, int port, String ref, String secret, String body) {
        return caller.call(step(StepKind.FTP, ref, body(body)), Optional.of(connector(scheme, port, ref, secret)),
                Map.of());
    }

    private JsonNode connector(String scheme, int port, String ref, String secret) {
        return json.readTree("""
                {"namespace": "acme", "name": "%s", "type": "ftp", "baseUrl": "%s://127.0.0.1:%d/base",
                 "auth": {"type": "basic", "secret": "%s"}, "timeoutMs": 5000,
                 "retry": {"maxAttempts": 3, "backoffMs": 0}}""".formatted(ref.substring(ref.indexOf('/') + 1), scheme,
                port, secret));
    }
}
