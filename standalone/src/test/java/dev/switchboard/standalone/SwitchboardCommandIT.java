package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher as the script runs it: exit codes and messages for bad input. */
class SwitchboardCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void anUnknownFlagPrintsUsageAndExits2() throws Exception {
        Result result = run("up", "--turbo");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.stderr).contains("unknown option: --turbo").contains("usage: switchboard up");
    }

    @Test
    void helpPrintsUsageAndExits0() throws Exception {
        Result result = run("up", "--help");

        assertThat(result.code).isZero();
        assertThat(result.stdout).contains("usage: switchboard up").contains("--data-dir");
    }

    @Test
    void aTakenPortIsOneClearLineAndExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Result result = run("up", "--port", String.valueOf(port), "--data-dir", dataDir.toString());

            assertThat(result.code).isEqualTo(1);
            assertThat(result.stderr.strip()).isEqualTo("switchboard: port " + port
                    + " (gateway) is already in use; stop what holds it or choose other ports with --port");
        }
    }

    @Test
    void separateChecksThePortsBeforeStartingAnyProcess() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Result result = run("up", "--separate", "--port", String.valueOf(port), "--data-dir", dataDir.toString());

            assertThat(result.code).isEqualTo(1);
            assertThat(result.stderr.strip()).isEqualTo("switchboard: port " + port
                    + " (gateway) is already in use; stop what holds it or choose other ports with --port");
            assertThat(dataDir.resolve("logs")).doesNotExist();
        }
    }

    @Test
    void anUnwritableDataDirIsRefusedClearly() throws Exception {
        Result result = run("up", "--data-dir", "/proc/self");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.stderr).contains("data dir /proc/self is not writable");
    }

    @Test
    void tokenPrintsAJwtOnly() throws Exception {
        Result result = run("token", "--sub", "alice", "--role", "admin", "--data-dir", dataDir.toString());

        assertThat(result.code).isZero();
        assertThat(result.stdout.strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void theScriptRefusesAnUnknownCommandWithUsage() throws Exception {
        Result result = runScript(Map.of(), "frobnicate");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.stderr).contains("unknown command: frobnicate").contains("usage: ./switchboard");
    }

    @Test
    void theScriptFindsAJdk21PlusWhenJavaHomeIsTooOld() throws Exception {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Assumptions.assumeTrue(Files.isDirectory(jdk17), "needs an old JDK beside a new one, as on the build machine");

        Result result = runScript(Map.of("JAVA_HOME", jdk17.toString()),
                "token", "--sub", "alice", "--data-dir", dataDir.toString());

        assertThat(result.code).as(result.stderr).isZero();
        assertThat(result.stdout.strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    /**
     * The script starts the standalone with standalone/jvm.options: the JVM accepts every option
     * there without a warning, and the GC settings the benchmarks were measured with are in force.
     */
    @Test
    void theScriptStartsTheStandaloneWithItsJvmOptionsFile() throws Exception {
        Result result = runScript(Map.of("SWITCHBOARD_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "up", "--help");

        assertThat(result.code).as(result.stderr).isZero();
        assertThat(result.stdout).contains("-XX:-ClassUnloadingWithConcurrentMark")
                .contains("-XX:MetaspaceSize=536870912").contains("-XX:G1PeriodicGCInterval=20000")
                .contains("usage: switchboard up");
        assertThat(result.stderr).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized");
    }

    private record Result(int code, String stdout, String stderr) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "standalone.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return exec(new ProcessBuilder(command));
    }

    /** The launcher script at the repository root, with the jar this build just made. */
    private static Result runScript(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash",
                Path.of("..", "switchboard").toAbsolutePath().normalize().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return exec(builder);
    }

    private static Result exec(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher exits by itself").isTrue();
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
