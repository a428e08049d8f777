package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole system, then the bytes it leaves behind: after secrets are written through the
 * gateway and resolved as the executor would, the plaintext is in no file of the data dir (Mongo's
 * store, Kafka's logs, the key files) and in no log line. It runs on the shared standalone (a
 * start of its own cost a minute of the test budget) and has the store write out before reading.
 */
class SecretsStayEncryptedIT {

    private static final String CANARY = "xoxb-CANARY-4e1d9b77";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void plaintextIsInNoFileAndNoLogLine() throws Exception {
        SharedStandalone shared = SharedStandalone.get();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        // Every service logs to the console (Logback writes to whatever System.out is at the time):
        // tee it so the test can read what was logged meanwhile.
        System.setOut(new PrintStream(new TeeOutputStream(out, logs), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeOutputStream(err, logs), true, StandardCharsets.UTF_8));
        try {
            runCycle(shared);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        // the shared standalone keeps running: have its store write out what a stop would
        shared.standalone.commitStore();

        Path dataDir = shared.dataDir;
        assertThat(filesContaining(dataDir, CANARY.getBytes(StandardCharsets.UTF_8))).isEmpty();
        // the audit trail's lines were captured (so the tee works), and they name the secret, not its value
        assertThat(logs.toString(StandardCharsets.UTF_8))
                .contains("secret '" + SECRET + "' (private of alice): update by alice")
                .doesNotContain("CANARY");
        // the JWT's signature part alone: the header and claims part of any token looks alike
        String signature = aliceToken.substring(aliceToken.lastIndexOf('.') + 1);
        assertThat(filesContaining(dataDir, signature.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(signature);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secrets-keys"))))
                .isEqualTo("rw-------");
    }

    /** A name no other IT on the shared standalone uses. */
    private static final String SECRET = "leak_slack_token";

    /** Alice's token, forwarded by a run to an API: it must rest nowhere either. */
    private String aliceToken;

    private void runCycle(SharedStandalone shared) throws Exception {
        int port = shared.port();
        Path dataDir = shared.dataDir;
        Standalone standalone = shared.standalone;
        String admin = SwitchboardCommand.token(new TokenOptions("root", List.of("admin"), dataDir, Duration.ofHours(1)));
        String alice = SwitchboardCommand.token(new TokenOptions("alice", List.of("user"), dataDir,
                Duration.ofHours(1)));
        aliceToken = alice;
        assertThat(send(port, "POST", "/api/v1/secrets", admin,
                "{\"name\":\"" + SECRET + "\",\"scope\":\"shared\",\"value\":\"" + CANARY + "-shared\"}")
                .statusCode()).isEqualTo(201);
        assertThat(send(port, "POST", "/api/v1/secrets", alice,
                "{\"name\":\"" + SECRET + "\",\"scope\":\"private\",\"value\":\"" + CANARY + "-alice\"}")
                .statusCode()).isEqualTo(201);
        assertThat(send(port, "PUT", "/api/v1/secrets/" + SECRET + "?scope=private", alice,
                "{\"value\":\"" + CANARY + "-alice-2\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> listed = send(port, "GET", "/api/v1/secrets", alice, null);
        assertThat(listed.body()).contains(SECRET).doesNotContain("CANARY");

        HttpResponse<String> viaGateway = send(port, "POST", "/internal/v1/secrets/resolve", admin,
                "{\"name\":\"" + SECRET + "\",\"userId\":\"alice\"}");
        assertThat(viaGateway.statusCode()).isEqualTo(404);
        HttpResponse<String> resolved = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + (port + 2) + "/internal/v1/secrets/resolve"))
                .header("Authorization", "Bearer " + standalone.serviceToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + SECRET + "\",\"userId\":\"alice\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resolved.body()).contains(CANARY + "-alice-2");

        runWithCredentials(port, admin, alice);
    }

    /**
     * A run that carries its own credential (connector auth) and uses a stored secret (a header
     * placeholder): both reach the API, neither is in the run, Kafka, the store or the logs.
     */
    private static void runWithCredentials(int port, String admin, String alice) throws Exception {
        try (TargetApi target = new TargetApi()) {
            assertThat(send(port, "POST", "/api/v1/connectors", admin, """
                    {"namespace": "leak", "name": "target", "type": "http", "baseUrl": "%s",
                     "auth": {"type": "bearer", "secret": "run_token"},
                     "operations": [{"name": "get_item", "method": "GET", "path": "/items/{id}",
                       "parameters": {"type": "object", "properties": {"id": {"type": "integer", "in": "path"}}}}]}
                    """.formatted(target.baseUrl())).statusCode()).isEqualTo(201);
            assertThat(send(port, "POST", "/api/v1/tools", admin, """
                    {"id": "leak-check", "steps": [{"id": "one", "connector": "leak/target", "method": "GET",
                      "path": "/items/<<id>>", "headers": {"X-Slack": "{{secret:leak_slack_token}}"}}]}
                    """).statusCode()).isEqualTo(201);

            // the key in the query, and the caller's own token forwarded: neither may rest anywhere either
            assertThat(send(port, "POST", "/api/v1/connectors", admin, """
                    {"namespace": "leak", "name": "by-query", "type": "http", "baseUrl": "%s",
                     "auth": {"type": "api_key", "secret": "run_token", "position": "query", "paramName": "key"}}
                    """.formatted(target.baseUrl())).statusCode()).isEqualTo(201);
            assertThat(send(port, "POST", "/api/v1/connectors", admin, """
                    {"namespace": "leak", "name": "as-caller", "type": "http", "baseUrl": "%s",
                     "auth": {"type": "forward_token", "header": "Authorization"}}
                    """.formatted(target.baseUrl())).statusCode()).isEqualTo(201);
            assertThat(send(port, "POST", "/api/v1/tools", admin, """
                    {"id": "leak-check-2", "steps": [
                      {"id": "query", "connector": "leak/by-query", "method": "GET", "path": "/items/3",
                       "failureBehavior": "continue"},
                      {"id": "caller", "connector": "leak/as-caller", "method": "GET", "path": "/items/2"}]}
                    """).statusCode()).isEqualTo(201);
            HttpResponse<String> second = send(port, "POST", "/api/v1/tools/leak-check-2/run", alice,
                    "{\"credentials\": {\"run_token\": \"" + CANARY + "-query\"}}");
            assertThat(second.body()).contains("\"status\":\"success\"").doesNotContain("CANARY")
                    .doesNotContain(alice);
            assertThat(target.headers.getLast().get("Authorization")).containsExactly("Bearer " + alice);

            HttpResponse<String> run = send(port, "POST", "/api/v1/tools/leak-check/run", alice,
                    "{\"inputs\": {\"id\": 1}, \"credentials\": {\"run_token\": \"" + CANARY + "-run\"}}");

            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            assertThat(run.body()).contains("\"status\":\"success\"").doesNotContain("CANARY");
            assertThat(target.headers.getLast().get("Authorization")).containsExactly("Bearer " + CANARY + "-run");
            assertThat(target.headers.getLast().get("X-slack")).containsExactly(CANARY + "-alice-2");
        }
    }

    private static HttpResponse<String> send(int port, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                if (indexOf(content, needle) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static final class TeeOutputStream extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
