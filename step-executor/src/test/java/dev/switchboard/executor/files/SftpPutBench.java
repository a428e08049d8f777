package dev.switchboard.executor.files;

import dev.switchboard.testing.TestSftpServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.executor.call.StepOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * SFTP puts of 1,000 small files with 8 at a time, as a looped step with the default concurrency
 * makes them: through the executor's caller (body check, secrets, egress, resilience, pooled
 * sessions) and, side by side, through a plain SSHD client holding 8 sessions. Rounds alternate so
 * both see the same machine. Prints files/s for docs/benchmarks.md; asserts no time. Not part of
 * {@code verify} (the name matches no test pattern): run it with {@code bench/files-sftp.sh}.
 */
class SftpPutBench extends FileStepFixture {

    private static final TestSftpServer SERVER = new TestSftpServer();
    private static final int FILES = 1000;
    private static final int CONCURRENCY = 8;
    private static final int ROUNDS = 3;

    static {
        SECRETS.put("bench_login", "{\"username\": \"" + TestSftpServer.USER + "\", \"password\": \""
                + TestSftpServer.PASSWORD + "\"}");
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    SftpStepCaller caller;

    @Test
    void putsThousandSmallFiles() throws Exception {
        JsonNode connector = json.readTree("""
                {"namespace": "bench", "name": "sftp", "type": "sftp", "baseUrl": "sftp://127.0.0.1:%d/bench",
                 "auth": {"type": "basic", "secret": "bench_login"}, "knownHosts": %s}"""
                .formatted(SERVER.port(), json.getNodeFactory().stringNode(SERVER.knownHostsLine())));
        Files.createDirectories(SERVER.file("bench/step"));
        Files.createDirectories(SERVER.file("bench/direct"));
        try (SshClient direct = SshClient.setUpDefaultClient()) {
            direct.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            direct.start();
            List<ClientSession> sessions = new ArrayList<>();
            List<SftpClient> clients = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                ClientSession session = direct.connect(TestSftpServer.USER, "127.0.0.1", SERVER.port())
                        .verify(Duration.ofSeconds(10)).getSession();
                session.addPasswordIdentity(TestSftpServer.PASSWORD);
                session.auth().verify(Duration.ofSeconds(10));
                sessions.add(session);
                clients.add(SftpClientFactory.instance().createSftpClient(session));
            }
            // warm-up of both paths: JIT, the pool's sessions, the server's file system
            viaStep(connector, "warm", 200);
            viaClient(clients, "/bench/direct/warm", 200);
            long opened = sessions().opened();
            List<Double> step = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                step.add(viaStep(connector, "r" + round, FILES));
                plain.add(viaClient(clients, "/bench/direct/r" + round, FILES));
            }
            assertThat(Files.list(SERVER.file("bench/step")).count()).isEqualTo(200 + (long) ROUNDS * FILES);
            System.out.printf("sftp step puts: %d files x %d rounds, concurrency %d: %s files/s (best %.0f);"
                    + " sessions opened while measuring: %d%n", FILES, ROUNDS, CONCURRENCY, format(step),
                    step.stream().mapToDouble(Double::doubleValue).max().orElse(0), sessions().opened() - opened);
            System.out.printf("direct sshd puts: %d files x %d rounds, concurrency %d: %s files/s (best %.0f)%n", FILES,
                    ROUNDS, CONCURRENCY, format(plain), plain.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            for (SftpClient client : clients) {
                client.close();
            }
            sessions.forEach(s -> s.close(true));
        }
    }

    private FileSessions sessions() {
        return sessions;
    }

    /** Files per second through the executor's caller, {@value #CONCURRENCY} calls at a time. */
    private double viaStep(JsonNode connector, String prefix, int files) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < files; i = next.getAndIncrement()) {
                        StepOutcome outcome = caller.call(step(StepKind.SFTP, "bench/sftp", body(
                                "{\"operation\": \"put\", \"path\": \"/step/" + prefix + "-" + i + ".json\","
                                        + " \"content\": {\"item\": " + i + ", \"note\": \"small file\"}}")),
                                Optional.of(connector), Map.of());
                        if (!outcome.success()) {
                            throw new IllegalStateException(String.valueOf(outcome.error()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return files / ((System.nanoTime() - started) / 1e9);
    }

    /** The same writes on a plain SSHD client, one session per worker. */
    private static double viaClient(List<SftpClient> clients, String dir, int files) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (SftpClient client : clients) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < files; i = next.getAndIncrement()) {
                        try (OutputStream out = client.write(dir + "-" + i + ".json")) {
                            out.write(("{\"item\":" + i + ",\"note\":\"small file\"}").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
        return files / ((System.nanoTime() - started) / 1e9);
    }

    private static String format(List<Double> rates) {
        return String.join(", ", rates.stream().map(r -> String.format("%.0f", r)).toList());
    }
}
