package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private record Result(int code, String stdout, String stderr) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "standalone.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher exits by itself").isTrue();
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
