package dev.switchboard.gateway.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test-idp module's Spring Authorization Server, run as a child JVM: a real OpenID Connect
 * provider with a login form, on {@code localhost} (so its cookies and the gateway's, on
 * 127.0.0.1, stay apart in one client). Its log goes to {@code target/test-idp.log}.
 */
final class TestIdentityProviderProcess implements AutoCloseable {

    final int port;
    final String issuer;
    private final Process process;

    private TestIdentityProviderProcess(int port, Process process) {
        this.port = port;
        this.issuer = "http://localhost:" + port;
        this.process = process;
    }

    static TestIdentityProviderProcess start(String clientId, String clientSecret, String redirectUri, String users) {
        String jar = System.getProperty("switchboard.test-idp.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no test-idp jar at " + jar + ": run through Maven (mvn verify)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.security.oauth2.authorizationserver.issuer=http://localhost:" + port,
                "--idp.client-id=" + clientId, "--idp.client-secret=" + clientSecret,
                "--idp.redirect-uri=" + redirectUri, "--idp.users=" + users));
        try {
            Path log = Path.of("target", "test-idp.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            TestIdentityProviderProcess idp = new TestIdentityProviderProcess(port, process);
            idp.awaitReady();
            return idp;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test identity provider", e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        await("the test identity provider answers discovery").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .failFast("the test identity provider exited (see target/test-idp.log)", () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> client.send(discovery, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
