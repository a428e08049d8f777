package dev.switchboard.standalone;

import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.ApiClient;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One standalone whose orchestrator runs as a process of its own, so that a test can kill it with
 * kill -9 and start another: shared by the ITs that do (OrchestratorKillIT, ApprovalIT), because a
 * standalone and an orchestrator process cost close to a minute of both cores to start and
 * `./switchboard test` must stay under 15 minutes. Each IT uses names of its own. It stops, and
 * its data dir goes, when the test JVM exits.
 */
final class SeparateOrchestratorPlatform {

    private static SeparateOrchestratorPlatform instance;

    final Path dataDir;
    private final int port;
    private final Standalone standalone;
    private final List<String> orchestratorArguments;
    private final ApiClient api;
    private final String admin;
    private Process orchestrator;

    private SeparateOrchestratorPlatform(Path dataDir, int port, Standalone standalone) {
        this.dataDir = dataDir;
        this.port = port;
        this.standalone = standalone;
        this.api = new ApiClient(port);
        this.admin = token("platform-ops", "admin");
        this.orchestratorArguments = standalone.handOver("run-orchestrator");
    }

    /** The platform, its orchestrator process started and answering through the gateway. */
    static synchronized SeparateOrchestratorPlatform get() throws Exception {
        if (instance == null) {
            Path dataDir = Files.createTempDirectory("orchestrator-process-standalone");
            int port = StandaloneIT.freePortRange();
            StandaloneOptions options = StandaloneOptions.parse(List.of("--port", String.valueOf(port),
                    "--data-dir", dataDir.toString()));
            // no in-process orchestrator to start and stop again: one context fewer on 2 cores
            Standalone standalone = new Standalone().start(options,
                    Path.of(System.getProperty("switchboard.services.dir")), Set.of("run-orchestrator"));
            SeparateOrchestratorPlatform platform = new SeparateOrchestratorPlatform(dataDir, port, standalone);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "orchestrator-process-standalone-stop"));
            platform.startOrchestrator("first");
            instance = platform;
        }
        return instance;
    }

    int port() {
        return port;
    }

    String token(String subject, String role) {
        return SwitchboardCommand.token(new TokenOptions(subject, List.of(role), dataDir, Duration.ofHours(1)));
    }

    /** kill -9 of the orchestrator process, returning once it is gone. */
    synchronized void killOrchestrator() throws InterruptedException {
        orchestrator.destroyForcibly().waitFor();
    }

    /** Starts an orchestrator process (its log in target/orchestrator-NAME.log) and waits until it answers. */
    synchronized void startOrchestrator(String name) throws Exception {
        // C1 only and the serial collector: the process is here to be killed, not measured, and
        // starts a few seconds sooner on 2 cores (three starts per test run)
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Path.of(System.getProperty("switchboard.services.dir"), "run-orchestrator.jar")
                        .toString()));
        command.addAll(orchestratorArguments);
        File log = Path.of("target", "orchestrator-" + name + ".log").toFile();
        orchestrator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        awaitOrchestrator(name);
    }

    private void awaitOrchestrator(String name) {
        // what the last poll saw, so a timeout says why (a rare CI failure gave nothing to go on)
        AtomicReference<String> last = new AtomicReference<>("no answer");
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try {
                    HttpResponse<String> response = api.send("GET", "/api/v1/runs?limit=1", admin, null, null,
                            Map.of());
                    last.set(response.statusCode() + " " + response.body());
                    return response.statusCode() == 200;
                } catch (RuntimeException e) {
                    last.set(e.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("orchestrator " + name + " did not answer GET /runs within 90 s; last: "
                    + last.get(), e);
        }
    }

    private void stop() {
        if (orchestrator != null) {
            orchestrator.destroyForcibly();
        }
        standalone.close();
        SharedStandalone.delete(dataDir);
    }
}
