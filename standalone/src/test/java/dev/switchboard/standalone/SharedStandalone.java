package dev.switchboard.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One standalone with the default options for the end-to-end ITs that need nothing else: a start
 * costs half a minute of both cores, and `./switchboard test` must stay under 15 minutes. Each IT
 * that shares it uses names of its own (connector namespaces, tool ids, secret names). It stops,
 * and its data dir goes, when the test JVM exits. ITs that restart, kill or reconfigure a
 * standalone start their own.
 */
final class SharedStandalone {

    private static SharedStandalone instance;

    final Path dataDir;
    final StandaloneOptions options;
    final Standalone standalone;

    private SharedStandalone(Path dataDir, StandaloneOptions options, Standalone standalone) {
        this.dataDir = dataDir;
        this.options = options;
        this.standalone = standalone;
    }

    static synchronized SharedStandalone get() throws Exception {
        if (instance == null) {
            Path dataDir = Files.createTempDirectory("shared-standalone");
            StandaloneOptions options = StandaloneOptions.parse(List.of("--port",
                    String.valueOf(StandaloneIT.freePortRange()), "--data-dir", dataDir.toString()));
            Standalone standalone = new Standalone().start(options,
                    Path.of(System.getProperty("switchboard.services.dir")));
            instance = new SharedStandalone(dataDir, options, standalone);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                standalone.close();
                delete(dataDir);
            }, "shared-standalone-stop"));
        }
        return instance;
    }

    int port() {
        return options.ports().gateway();
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
