package dev.switchboard.bench.fault;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code switchboard up --separate} as a child process on loopback ports and a data dir of
 * its own, and reaches into it: finds the process of one service or of the broker among the
 * launcher's children, kills it, and waits for the launcher to have started it again.
 */
final class SeparateLauncher implements AutoCloseable {

    /** Offsets of the standalone's port layout (standalone PortLayout) from the gateway's port. */
    static final int ORCHESTRATOR_OFFSET = 3;
    static final int EXECUTOR_OFFSET = 4;
    static final int KAFKA_OFFSET = 10;
    private static final int SPAN = 20;
    private static final Duration UP_WITHIN = Duration.ofMinutes(11);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path standaloneDir;
    private final Path dataDir;
    private final int port;
    private Process launcher;

    SeparateLauncher(Path standaloneDir, Path dataDir) {
        this.standaloneDir = standaloneDir;
        this.dataDir = dataDir;
        this.port = freePortRange();
    }

    int gatewayPort() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Starts the launcher and returns once it says the platform is up (its gateway answers UP). */
    SeparateLauncher start() throws IOException {
        Path jar = standaloneDir.resolve("standalone.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; run ./switchboard build");
        }
        List<String> command = java();
        command.addAll(List.of("-Dswitchboard.services.dir=" + standaloneDir.resolve("services"), "-jar",
                jar.toString(), "up", "--separate", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        Files.createDirectories(dataDir);
        launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(dataDir.resolve("launcher.log").toFile())).start();
        Deadline.await("the separate platform up (see " + dataDir.resolve("launcher.log") + ")", UP_WITHIN, () -> {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + launcher.exitValue() + "; see "
                        + dataDir.resolve("launcher.log"));
            }
            return healthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
        });
        return this;
    }

    /** A token of an admin, minted with the platform's key by the standalone's own {@code token} command. */
    String adminToken() throws IOException, InterruptedException {
        List<String> command = java();
        command.addAll(List.of("-cp", standaloneDir.resolve("standalone.jar").toString(),
                "dev.switchboard.standalone.SwitchboardCommand", "token", "--sub", "fault-bench", "--role", "admin",
                "--ttl-hours", "2", "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).redirectError(Redirect.DISCARD).start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || token.isEmpty()) {
            throw new IllegalStateException("switchboard token failed (exit " + process.exitValue() + ")");
        }
        return token;
    }

    /**
     * The launcher's child whose command line contains {@code marker} ({@code run-orchestrator.jar},
     * {@code SwitchboardCommand broker}).
     */
    Optional<ProcessHandle> child(String marker) {
        return launcher.children().filter(child -> child.info().commandLine().orElse("").contains(marker))
                .findFirst();
    }

    /** kill -9 (or SIGTERM when {@code forcibly} is false) the child with {@code marker}; its pid. */
    long stop(String marker, boolean forcibly) {
        ProcessHandle victim = child(marker).orElseThrow(() -> new IllegalStateException("no process " + marker));
        boolean sent = forcibly ? victim.destroyForcibly() : victim.destroy();
        if (!sent) {
            throw new IllegalStateException("could not signal " + marker + " (pid " + victim.pid() + ")");
        }
        return victim.pid();
    }

    /** Waits until a new process with {@code marker} (not {@code oldPid}) runs and its port is ready. */
    void awaitRestarted(String marker, long oldPid, int offset, Duration within) {
        Deadline.await(marker + " started again", within, () -> child(marker).filter(p -> p.pid() != oldPid)
                .isPresent() && (offset == KAFKA_OFFSET ? listening(port + offset)
                        : healthy(URI.create("http://127.0.0.1:" + (port + offset) + "/actuator/health/readiness"))));
    }

    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        return command;
    }

    private static boolean healthy(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePortRange() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int offset = 0; offset < SPAN && free; offset++) {
                free = free(base + offset);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of " + SPAN + " loopback ports found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the launcher, which stops its children in order; kills whatever is left after that. */
    @Override
    public synchronized void close() {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        List<ProcessHandle> children = launcher.descendants().toList();
        launcher.destroy();
        try {
            if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
