package dev.switchboard.executor.files;

import dev.switchboard.testing.TestSftpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.executor.call.StepOutcome;
import dev.switchboard.executor.egress.EgressPolicy;
import dev.switchboard.executor.egress.EgressProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SFTP steps against a real Apache MINA SSHD server started here. */
class SftpStepCallerIT extends FileStepFixture {

    private static final TestSftpServer SERVER = new TestSftpServer();
    private static final String WRONG_PASSWORD = "not-the-r1ght-pa55";

    static {
        JsonMapper json = JsonMapper.builder().build();
        SECRETS.put("sftp_login", json.createObjectNode().put("username", TestSftpServer.USER)
                .put("password", TestSftpServer.PASSWORD).toString());
        SECRETS.put("sftp_key", json.createObjectNode().put("username", TestSftpServer.USER)
                .put("privateKey", SERVER.userPrivateKey()).toString());
        SECRETS.put("sftp_wrong", json.createObjectNode().put("username", TestSftpServer.USER)
                .put("password", WRONG_PASSWORD).toString());
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    SftpStepCaller caller;

    @BeforeEach
    void emptyBase() throws IOException {
        FileSystemUtils.deleteRecursively(SERVER.file("data"));
        Files.createDirectories(SERVER.file("data"));
    }

    @Test
    void everyOperationWorksOnARealServer() throws IOException {
        assertThat(call("{\"operation\": \"mkdir\", \"path\": \"/out/deep\"}").data().path("created").asBoolean())
                .isTrue();
        assertThat(call("{\"operation\": \"mkdir\", \"path\": \"/out/deep\"}").data().path("created").asBoolean())
                .as("an existing directory is fine, as mkdir -p").isFalse();
        StepOutcome put = call("{\"operation\": \"put\", \"path\": \"/out/deep/a.txt\", \"content\": \"hello\"}");
        assertThat(put.data().toString()).isEqualTo("{\"path\":\"/out/deep/a.txt\",\"size\":5}");
        assertThat(Files.readString(SERVER.file("data/out/deep/a.txt"))).isEqualTo("hello");

        assertThat(call("{\"operation\": \"exists\", \"path\": \"/out/deep/a.txt\"}").data().asBoolean()).isTrue();
        assertThat(call("{\"operation\": \"exists\", \"path\": \"/out/nothing\"}").data().asBoolean()).isFalse();
        JsonNode stat = call("{\"operation\": \"stat\", \"path\": \"out/deep/a.txt\"}").data();
        assertThat(stat.path("name").asString()).isEqualTo("a.txt");
        assertThat(stat.path("path").asString()).isEqualTo("/out/deep/a.txt");
        assertThat(stat.path("type").asString()).isEqualTo("file");
        assertThat(stat.path("size").asLong()).isEqualTo(5);
        assertThat(stat.path("modifiedAt").asString()).isNotBlank();
        JsonNode list = call("{\"operation\": \"list\", \"path\": \"/out\"}").data();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("name").asString()).isEqualTo("deep");
        assertThat(list.get(0).path("type").asString()).isEqualTo("directory");
        assertThat(list.get(0).path("path").asString()).isEqualTo("/out/deep");
        JsonNode got = call("{\"operation\": \"get\", \"path\": \"/out/deep/a.txt\"}").data();
        assertThat(got.path("data").asString()).isEqualTo("hello");
        assertThat(got.path("format").asString()).isEqualTo("text");
        assertThat(got.path("contentType").asString()).isEqualTo("text/plain");

        assertThat(call("{\"operation\": \"rename\", \"path\": \"/out/deep/a.txt\", \"newPath\": \"/out/b.txt\"}")
                .data().path("newPath").asString()).isEqualTo("/out/b.txt");
        assertThat(SERVER.file("data/out/deep/a.txt")).doesNotExist();
        assertThat(SERVER.file("data/out/b.txt")).hasContent("hello");
        call("{\"operation\": \"delete\", \"path\": \"/out/b.txt\"}");
        assertThat(SERVER.file("data/out/b.txt")).doesNotExist();
        call("{\"operation\": \"rmdir\", \"path\": \"/out/deep\"}");
        assertThat(SERVER.file("data/out/deep")).doesNotExist();

        StepOutcome missing = call("{\"operation\": \"stat\", \"path\": \"/out/deep\"}");
        assertThat(missing.error().code()).isEqualTo("FILE_NOT_FOUND");
        assertThat(call("{\"operation\": \"delete\", \"path\": \"/out/nope.txt\"}").error().code())
                .isEqualTo("FILE_NOT_FOUND");
        assertThat(call("{\"operation\": \"rmdir\", \"path\": \"/out\"}").success()).isTrue();
        assertThat(call("{\"operation\": \"list\", \"path\": \"/\"}").data()).isEmpty();
    }

    @Test
    void aBatchRunsInOrderAndStopsAtTheFirstFailure() {
        StepOutcome batch = call("""
                [{"operation": "mkdir", "path": "/b"},
                 {"operation": "put", "path": "/b/x.json", "content": {"a": 1}},
                 {"operation": "list", "path": "/b"},
                 {"operation": "get", "path": "/b/x.json"}]""");
        assertThat(batch.success()).as(String.valueOf(batch.error())).isTrue();
        assertThat(batch.data()).hasSize(4);
        assertThat(batch.data().get(0).path("operation").asString()).isEqualTo("mkdir");
        assertThat(batch.data().get(2).path("data").get(0).path("name").asString()).isEqualTo("x.json");
        assertThat(batch.data().get(3).at("/data/data/a").asInt()).isEqualTo(1);
        assertThat(batch.calls().requests()).isEqualTo(4);

        StepOutcome failed = call("""
                [{"operation": "put", "path": "/b/y.txt", "content": "y"},
                 {"operation": "delete", "path": "/b/missing.txt"},
                 {"operation": "put", "path": "/b/z.txt", "content": "z"}]""");
        assertThat(failed.success()).isFalse();
        assertThat(failed.error().code()).isEqualTo("FILE_NOT_FOUND");
        assertThat(failed.error().message()).startsWith("operation 2 of 3 (delete /b/missing.txt): ");
        assertThat(failed.data()).hasSize(2);
        assertThat(failed.data().get(0).path("success").asBoolean()).isTrue();
        assertThat(failed.data().get(1).path("error").path("code").asString()).isEqualTo("FILE_NOT_FOUND");
        assertThat(SERVER.file("data/b/y.txt")).exists();
        assertThat(SERVER.file("data/b/z.txt")).as("nothing after the failure runs").doesNotExist();
    }

    @Test
    void badInputAnywhereInABatchFailsTheStepBeforeAnythingIsWrittenOrContacted() {
        int connections = SERVER.connections.get();
        Map<String, String> refused = Map.of(
                "[{\"operation\": \"put\", \"path\": \"/c.txt\", \"content\": \"x\"}, {\"operation\": \"chmod\","
                        + " \"path\": \"/c.txt\"}]", "body[1].operation 'chmod' is not a file operation",
                "[{\"operation\": \"put\", \"path\": \"/c.txt\", \"content\": \"x\"}, {\"operation\": \"get\"}]",
                "body[1].path is required",
                "{\"operation\": \"rename\", \"path\": \"/c.txt\"}", "body.newPath is required",
                "{\"operation\": \"put\", \"path\": \"/c.txt\"}", "body.content is required",
                "{\"operation\": \"get\", \"path\": \"/c.txt\", \"mode\": \"fast\"}", "body.mode is not a field",
                "{\"operation\": \"get\", \"path\": \"/c.txt\", \"encoding\": \"latin1\"}",
                "body.encoding must be utf8 or base64",
                "{\"operation\": \"put\", \"path\": \"/c.bin\", \"content\": \"%%%\", \"encoding\": \"base64\"}",
                "body.content is not valid base64",
                "[]", "body must hold 1 to 1000 operations",
                "\"list /\"", "body must be an object");
        refused.forEach((body, message) -> {
            StepOutcome outcome = call(body);
            assertThat(outcome.error().code()).as(body).isEqualTo("INVALID_REQUEST");
            assertThat(outcome.error().message()).as(body).contains(message);
            assertThat(outcome.calls().requests()).isZero();
        });
        StepOutcome noBody = caller.call(step(StepKind.SFTP, "acme/sftp", null), Optional.of(connector("acme", "sftp",
                "sftp_login", "")), Map.of());
        assertThat(noBody.error().message()).contains("the step has no body");
        assertThat(SERVER.file("data/c.txt")).doesNotExist();
        assertThat(SERVER.connections.get()).isEqualTo(connections);
    }

    @Test
    void getParsesJsonCsvAndTextAndReturnsAnythingElseAsBase64() throws IOException {
        Files.writeString(SERVER.file("data/order.json"), "{\"id\": 7, \"lines\": [1, 2]}");
        Files.writeString(SERVER.file("data/rows.csv"), "\uFEFFid,name\n1,Ada\n2,\"Lovelace, A.\"\n\n");
        Files.writeString(SERVER.file("data/notes.md"), "# Notes\nünïcode");
        byte[] binary = new byte[256];
        IntStream.range(0, 256).forEach(i -> binary[i] = (byte) i);
        Files.write(SERVER.file("data/blob.bin"), binary);
        Files.writeString(SERVER.file("data/broken.json"), "{\"id\": ");

        JsonNode order = call("{\"operation\": \"get\", \"path\": \"/order.json\"}").data();
        assertThat(order.path("contentType").asString()).isEqualTo("application/json");
        assertThat(order.path("format").asString()).isEqualTo("json");
        assertThat(order.at("/data/lines/1").asInt()).isEqualTo(2);
        JsonNode rows = call("{\"operation\": \"get\", \"path\": \"/rows.csv\"}").data();
        assertThat(rows.path("format").asString()).isEqualTo("csv");
        assertThat(rows.path("data").toString())
                .isEqualTo("[{\"id\":\"1\",\"name\":\"Ada\"},{\"id\":\"2\",\"name\":\"Lovelace, A.\"}]");
        assertThat(call("{\"operation\": \"get\", \"path\": \"/notes.md\"}").data().path("data").asString())
                .isEqualTo("# Notes\nünïcode");
        JsonNode blob = call("{\"operation\": \"get\", \"path\": \"/blob.bin\"}").data();
        assertThat(blob.path("format").asString()).isEqualTo("base64");
        assertThat(blob.path("size").asInt()).isEqualTo(256);
        assertThat(Base64.getDecoder().decode(blob.path("data").asString())).isEqualTo(binary);
        JsonNode raw = call("{\"operation\": \"get\", \"path\": \"/order.json\", \"encoding\": \"base64\"}").data();
        assertThat(new String(Base64.getDecoder().decode(raw.path("data").asString()), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\": 7, \"lines\": [1, 2]}");
        assertThat(call("{\"operation\": \"get\", \"path\": \"/broken.json\", \"encoding\": \"utf8\"}").data()
                .path("data").asString()).isEqualTo("{\"id\": ");
        StepOutcome broken = call("{\"operation\": \"get\", \"path\": \"/broken.json\"}");
        assertThat(broken.error().code()).isEqualTo("CONTENT_UNPARSEABLE");
        assertThat(broken.error().message()).contains("/broken.json is not valid JSON");
        assertThat(call("{\"operation\": \"get\", \"path\": \"/blob.bin\", \"encoding\": \"utf8\"}").error().code())
                .isEqualTo("CONTENT_UNPARSEABLE");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAndTheLimitHoldsForAWholeBatch() throws IOException {
        Files.write(SERVER.file("data/big.bin"), new byte[(int) MAX_FILE_BYTES + 1]);
        Files.write(SERVER.file("data/half.bin"), new byte[(int) MAX_FILE_BYTES / 2 + 1]);
        Files.write(SERVER.file("data/limit.bin"), new byte[(int) MAX_FILE_BYTES]);

        StepOutcome big = call("{\"operation\": \"get\", \"path\": \"/big.bin\"}");
        assertThat(big.error().code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(call("{\"operation\": \"get\", \"path\": \"/limit.bin\"}").success()).isTrue();
        StepOutcome twoHalves = call("[{\"operation\": \"get\", \"path\": \"/half.bin\"},"
                + " {\"operation\": \"get\", \"path\": \"/half.bin\"}]");
        assertThat(twoHalves.error().code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(twoHalves.error().message()).startsWith("operation 2 of 2");
        StepOutcome bigPut = call("{\"operation\": \"put\", \"path\": \"/p.txt\", \"content\": \""
                + "x".repeat((int) MAX_FILE_BYTES + 1) + "\"}");
        assertThat(bigPut.error().code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(SERVER.file("data/p.txt")).doesNotExist();
    }

    @Test
    void putWritesAStringBase64JsonAndCsv() throws IOException {
        call("{\"operation\": \"put\", \"path\": \"/o.json\", \"content\": {\"a\": [1, \"two\"]}}");
        call("{\"operation\": \"put\", \"path\": \"/b.bin\", \"content\": \"AAEC/w==\", \"encoding\": \"base64\"}");
        call("{\"operation\": \"put\", \"path\": \"/s.txt\", \"content\": \"line 1\\nline 2\"}");
        StepOutcome csv = call("{\"operation\": \"put\", \"path\": \"/rows.csv\", \"content\": [{\"id\": 1, \"name\":"
                + " \"Ada\"}, {\"id\": 2, \"name\": \"Lovelace, A.\", \"note\": null}]}");

        assertThat(json.readTree(Files.readString(SERVER.file("data/o.json"))).toString())
                .isEqualTo("{\"a\":[1,\"two\"]}");
        assertThat(Files.readAllBytes(SERVER.file("data/b.bin"))).containsExactly(0, 1, 2, 255);
        assertThat(Files.readString(SERVER.file("data/s.txt"))).isEqualTo("line 1\nline 2");
        assertThat(csv.success()).as(String.valueOf(csv.error())).isTrue();
        assertThat(Files.readString(SERVER.file("data/rows.csv")))
                .isEqualTo("id,name,note\n1,Ada,\n2,\"Lovelace, A.\",\n");
        assertThat(call("{\"operation\": \"get\", \"path\": \"/rows.csv\"}").data().at("/data/1/name").asString())
                .isEqualTo("Lovelace, A.");
        StepOutcome nested = call("{\"operation\": \"put\", \"path\": \"/n.csv\", \"content\": [{\"a\": {\"b\": 1}}]}");
        assertThat(nested.error().message()).contains("body.content[0].a must be a string, number, boolean or null");
    }

    @Test
    void logsInWithAPasswordOrAPrivateKey() {
        int logins = SERVER.logins.get();
        StepOutcome withKey = caller.call(step(StepKind.SFTP, "acme/keyed", body("{\"operation\": \"list\","
                + " \"path\": \"/\"}")), Optional.of(connector("acme", "keyed", "sftp_key", "")), Map.of());
        StepOutcome withPassword = caller.call(step(StepKind.SFTP, "acme/passworded", body("{\"operation\": \"list\","
                + " \"path\": \"/\"}")), Optional.of(connector("acme", "passworded", "sftp_login", "")), Map.of());

        assertThat(withKey.success()).as(String.valueOf(withKey.error())).isTrue();
        assertThat(withPassword.success()).as(String.valueOf(withPassword.error())).isTrue();
        assertThat(SERVER.logins.get() - logins).isEqualTo(2);
    }

    @Test
    void theHostKeyMustBeTheOneInKnownHostsUnlessCheckingIsTurnedOffExplicitly() {
        String otherKey = "[127.0.0.1]:" + SERVER.port() + " "
                + PublicKeyEntry.toString(TestSftpServer.ecKeyPair().getPublic());
        String fingerprint = KeyUtils.getFingerPrint(SERVER.hostKey.getPublic());
        int logins = SERVER.logins.get();

        StepOutcome changed = hostKeyCall("changed", "\"knownHosts\": " + json.getNodeFactory().stringNode(otherKey));
        StepOutcome unknown = hostKeyCall("unknown", "\"knownHosts\": \"[other.test]:22 " + otherKey.split(" ", 2)[1]
                + "\"");
        StepOutcome none = hostKeyCall("none", "\"hostKeyCheck\": true");
        int loginsAfterRefusals = SERVER.logins.get();
        StepOutcome unchecked = hostKeyCall("unchecked", "\"hostKeyCheck\": false");
        StepOutcome hashed = hostKeyCall("hashed", "\"knownHosts\": " + json.getNodeFactory().stringNode(
                "# hashed, as ssh-keygen -H writes them\n" + hashedKnownHostsLine()));

        assertThat(changed.error().code()).isEqualTo("HOST_KEY_REJECTED");
        assertThat(changed.error().message()).contains(fingerprint).contains("does not match");
        assertThat(unknown.error().code()).isEqualTo("HOST_KEY_REJECTED");
        assertThat(unknown.error().message()).contains("is not in the connector's knownHosts")
                .contains("ssh-keyscan -p " + SERVER.port() + " 127.0.0.1");
        assertThat(none.error().code()).isEqualTo("HOST_KEY_REJECTED");
        assertThat(loginsAfterRefusals).as("no login after a refused host key").isEqualTo(logins);
        assertThat(unchecked.success()).as(String.valueOf(unchecked.error())).isTrue();
        assertThat(hashed.success()).as(String.valueOf(hashed.error())).isTrue();
        assertThat(changed.retries()).as("a refused key is not retried").isZero();
    }

    @Test
    void aWrongPasswordFailsWithTheServersRefusalAndNeverShowsThePassword() {
        StepOutcome wrong = caller.call(step(StepKind.SFTP, "acme/wrong", body("{\"operation\": \"list\", \"path\":"
                + " \"/\"}")), Optional.of(connector("acme", "wrong", "sftp_wrong", "")), Map.of());
        StepOutcome wrongFromRun = caller.call(step(StepKind.SFTP, "acme/wrong-run", body("{\"operation\": \"list\","
                + " \"path\": \"/\"}")), Optional.of(connector("acme", "wrong-run", "run_login", "")),
                Map.of("run_login", "{\"username\": \"" + TestSftpServer.USER + "\", \"password\": \"run-only-pa55\"}"));

        assertThat(wrong.error().code()).isEqualTo("AUTH_FAILED");
        assertThat(wrong.error().message()).contains("refused the login of '" + TestSftpServer.USER + "'")
                .doesNotContain(WRONG_PASSWORD);
        assertThat(wrong.retries()).isZero();
        assertThat(wrongFromRun.error().code()).isEqualTo("AUTH_FAILED");
        assertThat(wrongFromRun.error().toString()).doesNotContain("run-only-pa55");
    }

    @Test
    void aPathAboveTheBaseIsRefusedBeforeConnecting() {
        int connections = SERVER.connections.get();
        for (String path : List.of("/../etc/passwd", "in/../../x", "..")) {
            StepOutcome outcome = call("{\"operation\": \"get\", \"path\": \"" + path + "\"}");
            assertThat(outcome.error().code()).as(path).isEqualTo("PATH_OUTSIDE_BASE");
        }
        assertThat(call("{\"operation\": \"rename\", \"path\": \"/a\", \"newPath\": \"/../a\"}").error().code())
                .isEqualTo("PATH_OUTSIDE_BASE");
        assertThat(call("{\"operation\": \"get\", \"path\": \"/a\\r\\nDELE /x\"}").error().code())
                .isEqualTo("INVALID_REQUEST");
        assertThat(SERVER.connections.get()).isEqualTo(connections);
        assertThat(call("{\"operation\": \"exists\", \"path\": \"/in/../x\"}").data().asBoolean())
                .as("'..' inside the base is fine").isFalse();
    }

    @Test
    void onePooledSessionServesManyCallsWithOneLogin() {
        int logins = SERVER.logins.get();
        for (int i = 0; i < 20; i++) {
            StepOutcome outcome = caller.call(step(StepKind.SFTP, "acme/pooled", body("{\"operation\": \"put\","
                    + " \"path\": \"/f" + i + ".txt\", \"content\": \"" + i + "\"}")),
                    Optional.of(connector("acme", "pooled", "sftp_login", "")), Map.of());
            assertThat(outcome.success()).as(String.valueOf(outcome.error())).isTrue();
        }
        assertThat(SERVER.logins.get() - logins).isEqualTo(1);
        assertThat(SERVER.file("data/f19.txt")).hasContent("19");
    }

    @Test
    void anIdleSessionIsClosedAfterTheIdleTimeout() {
        FileCallProperties shortIdle = new FileCallProperties(MAX_FILE_BYTES, 1000, 8, Duration.ofMillis(300), null,
                null);
        try (FileSessions idlePool = new FileSessions(shortIdle)) {
            SftpStepCaller idleCaller = new SftpStepCaller(secrets, resilience, new EgressPolicy(
                    new EgressProperties(true, false, List.of())), idlePool, shortIdle, json);
            try {
                int before = SERVER.openSessions();
                StepOutcome outcome = idleCaller.call(step(StepKind.SFTP, "acme/idle", body("{\"operation\": \"list\","
                        + " \"path\": \"/\"}")), Optional.of(connector("acme", "idle", "sftp_login", "")), Map.of());
                assertThat(outcome.success()).isTrue();
                assertThat(idlePool.open()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> idlePool.open() == 0
                        && SERVER.openSessions() == before);
            } finally {
                idleCaller.stop();
            }
        }
    }

    @Test
    void aChangedConnectorHasItsSessionsClosed() {
        JsonNode connector = connector("acme", "changing", "sftp_login", "");
        int logins = SERVER.logins.get();
        assertThat(caller.call(step(StepKind.SFTP, "acme/changing", body("{\"operation\": \"list\", \"path\": \"/\"}")),
                Optional.of(connector), Map.of()).success()).isTrue();
        int open = SERVER.openSessions();

        publishConnectorChange("acme", "changing", 2, connector);

        await().atMost(Duration.ofSeconds(20)).until(() -> SERVER.openSessions() == open - 1);
        assertThat(caller.call(step(StepKind.SFTP, "acme/changing", body("{\"operation\": \"list\", \"path\": \"/\"}")),
                Optional.of(connector), Map.of()).success()).isTrue();
        assertThat(SERVER.logins.get() - logins).as("the next call logs in afresh").isEqualTo(2);
    }

    @Test
    void connectErrorsAreRetriedAndServerRefusalsAreNot() {
        JsonNode down = json.readTree(connector("acme", "down", "sftp_login", "").toString()
                .replace(":" + SERVER.port() + "/", ":" + closedPort() + "/"));
        StepOutcome unreachable = caller.call(step(StepKind.SFTP, "acme/down", body("{\"operation\": \"list\","
                + " \"path\": \"/\"}")), Optional.of(down), Map.of());
        StepOutcome missing = call("{\"operation\": \"get\", \"path\": \"/missing.txt\"}");

        assertThat(unreachable.error().code()).isEqualTo("CONNECTION_FAILED");
        assertThat(unreachable.retries()).as("3 attempts in all").isEqualTo(2);
        assertThat(missing.error().code()).isEqualTo("FILE_NOT_FOUND");
        assertThat(missing.retries()).isZero();
    }

    @Test
    void privateAddressesAreRefusedWhenTheDeploymentDeniesThem() {
        SftpStepCaller denying = new SftpStepCaller(secrets, resilience, new EgressPolicy(new EgressProperties(false,
                false, List.of())), sessions, properties, json);
        try {
            int connections = SERVER.connections.get();
            StepOutcome refused = denying.call(step(StepKind.SFTP, "acme/denied", body("{\"operation\": \"list\","
                    + " \"path\": \"/\"}")), Optional.of(connector("acme", "denied", "sftp_login", "")), Map.of());

            assertThat(refused.error().code()).isEqualTo("EGRESS_DENIED");
            assertThat(refused.error().message()).contains("allow-private is off");
            assertThat(refused.retries()).isZero();
            assertThat(SERVER.connections.get()).isEqualTo(connections);
        } finally {
            denying.stop();
        }
    }

    @Test
    void aMissingSecretConnectsToNothing() {
        int connections = SERVER.connections.get();
        StepOutcome outcome = caller.call(step(StepKind.SFTP, "acme/nosecret", body("{\"operation\": \"list\","
                + " \"path\": \"/\"}")), Optional.of(connector("acme", "nosecret", "no_such_secret", "")), Map.of());

        assertThat(outcome.error().code()).isEqualTo("SECRET_NOT_FOUND");
        assertThat(outcome.calls().requests()).isZero();
        assertThat(SERVER.connections.get()).isEqualTo(connections);
    }

    @Test
    void secretPlaceholdersAreFilledInPathsAndContentAndMaskedInResults() throws IOException {
        StepOutcome put = caller.call(step(StepKind.SFTP, "acme/sftp", body("{\"operation\": \"put\", \"path\":"
                + " \"/{{secret:folder}}.txt\", \"content\": \"token={{secret:folder}}\"}")),
                Optional.of(connector("acme", "sftp", "sftp_login", "")), Map.of("folder", "s3cret-folder"));
        StepOutcome got = caller.call(step(StepKind.SFTP, "acme/sftp", body("{\"operation\": \"get\", \"path\":"
                + " \"/{{secret:folder}}.txt\"}")), Optional.of(connector("acme", "sftp", "sftp_login", "")),
                Map.of("folder", "s3cret-folder"));

        assertThat(put.success()).as(String.valueOf(put.error())).isTrue();
        assertThat(SERVER.file("data/s3cret-folder.txt")).hasContent("token=s3cret-folder");
        assertThat(got.data().toString()).doesNotContain("s3cret-folder").contains("token=****");
    }

    /** OpenSSH's HashKnownHosts form: |1|salt|HMAC-SHA1(salt, "[host]:port"). */
    private static String hashedKnownHostsLine() {
        try {
            byte[] salt = new byte[20];
            new java.security.SecureRandom().nextBytes(salt);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(("[127.0.0.1]:" + SERVER.port()).getBytes(StandardCharsets.UTF_8));
            return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(hash)
                    + " " + PublicKeyEntry.toString(SERVER.hostKey.getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private StepOutcome hostKeyCall(String name, String hostKeys) {
        return caller.call(step(StepKind.SFTP, "acme/" + name, body("{\"operation\": \"list\", \"path\": \"/\"}")),
                Optional.of(connector("acme", name, "sftp_login", hostKeys)), Map.of());
    }

    private StepOutcome call(String body) {
        return caller.call(step(StepKind.SFTP, "acme/sftp", body(body)), Optional.of(connector("acme", "sftp",
                "sftp_login", "")), Map.of());
    }

    /**
     * @param hostKeys the connector's knownHosts/hostKeyCheck fields, or "" for the server's own line
     */
    private JsonNode connector(String namespace, String name, String secret, String hostKeys) {
        String keys = hostKeys.isEmpty() ? "\"knownHosts\": " + json.getNodeFactory().stringNode(SERVER.knownHostsLine())
                : hostKeys;
        return json.readTree("""
                {"namespace": "%s", "name": "%s", "type": "sftp", "baseUrl": "sftp://127.0.0.1:%d/data",
                 "auth": {"type": "basic", "secret": "%s"}, "timeoutMs": 5000,
                 "retry": {"maxAttempts": 3, "backoffMs": 0}%s}""".formatted(namespace, name, SERVER.port(), secret,
                keys.isEmpty() ? "" : ", " + keys));
    }
}
