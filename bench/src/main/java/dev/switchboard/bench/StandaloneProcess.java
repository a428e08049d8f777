package dev.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A standalone started for the bench, on a fresh data directory and loopback ports, with the same
 * JVM flags as {@code ./switchboard up}; stopped (and its data removed) when closed.
 */
final class StandaloneProcess implements AutoCloseable {

    private static final String READY_LINE = "Switchboard is up";
    /** A start on 2 busy cores has taken 3 minutes; on a quiet machine it is about 30 s. */
    private static final long START_TIMEOUT_SECONDS = 360;

    private final Path root;
    private final Path dataDir;
    private final Process process;
    private final List<String> lastLines = new ArrayList<>();

    private StandaloneProcess(Path root, Path dataDir, Process process) {
        this.root = root;
        this.dataDir = dataDir;
        this.process = process;
    }

    static StandaloneProcess start(Path root, int port) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("switchboard-bench-");
        List<String> command = java(root, true);
        command.addAll(List.of("up", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StandaloneProcess standalone = new StandaloneProcess(root, dataDir, process);
        standalone.awaitReady();
        return standalone;
    }

    /** An admin token the standalone accepts, minted by its own {@code token} command. */
    Platform platform(int port) throws IOException, InterruptedException {
        List<String> command = java(root, false);
        command.addAll(List.of("token", "--sub", "bench", "--role", "admin", "--data-dir", dataDir.toString()));
        Process minting = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String token = new String(minting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (minting.waitFor() != 0 || token.isEmpty()) {
            throw new IllegalStateException("could not mint a token for the bench's standalone");
        }
        return Platform.onStandalonePorts(URI.create("http://127.0.0.1:" + port), token);
    }

    private void awaitReady() throws InterruptedException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().name("standalone-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    remember(line);
                    if (line.contains(READY_LINE)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process went away; reported through the exit check below
            }
            ready.completeExceptionally(new IllegalStateException("the standalone exited before it was up"));
        });
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            close();
            throw new IllegalStateException("the standalone did not come up; its last lines:\n"
                    + String.join("\n", lastLines()), e);
        }
        reader.setName("standalone-output (up)");
    }

    private synchronized void remember(String line) {
        lastLines.add(line);
        if (lastLines.size() > 30) {
            lastLines.remove(0);
        }
    }

    private synchronized List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    /**
     * The same JVM and options as the launcher's {@code up}: this JVM's own java, the standalone's
     * options file, the standalone jar.
     * {@code underTest}: the standalone itself, which also gets {@code SWITCHBOARD_JAVA_OPTS}; a
     * command that only prints for the bench (a token) does not, so a flag's output cannot mix in.
     */
    private static List<String> java(Path root, boolean underTest) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "@" + root.resolve("standalone/jvm.options")));
        String extra = System.getenv().getOrDefault("SWITCHBOARD_JAVA_OPTS", "").strip();
        if (underTest && !extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-Dswitchboard.services.dir=" + root.resolve("standalone/target/services"),
                "-jar", root.resolve("standalone/target/standalone.jar").toString()));
        return command;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
