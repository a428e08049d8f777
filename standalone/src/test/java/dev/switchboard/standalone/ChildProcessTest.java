package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The separate launcher's supervision, on a real child process (a shell that sleeps). */
class ChildProcessTest {

    /** The launcher waits a second before a restart; a test need not. */
    private static final java.time.Duration RESTART_QUICKLY = java.time.Duration.ofMillis(50);

    @TempDir
    Path dir;

    @Test
    void aChildKilledWithNineIsStartedAgainAndCloseStopsItForGood() throws Exception {
        Path log = dir.resolve("child.log");
        ChildProcess child = new ChildProcess("sleeper", List.of("/bin/sh", "-c", "echo started; exec sleep 60"), log,
                RESTART_QUICKLY)
                .start();
        try {
            long first = onlyChild().pid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(20)).until(() -> onlyChildOtherThan(first).isPresent() && child.alive());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).lines().count() == 2);
        } finally {
            child.close();
        }
        assertThat(child.alive()).isFalse();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aChildThatKeepsDyingAtOnceIsGivenUp() throws Exception {
        Path log = dir.resolve("failing.log");
        ChildProcess child = new ChildProcess("failing", List.of("/bin/sh", "-c", "echo try; exit 3"), log,
                RESTART_QUICKLY).start();
        try {
            // the first start and 5 restarts, then no more
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).lines().count() == 6);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> Files.readString(log).lines().count() == 6);
            assertThat(child.alive()).isFalse();
        } finally {
            child.close();
        }
    }

    private static ProcessHandle onlyChild() {
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current().children().count() == 1);
        return ProcessHandle.current().children().findFirst().orElseThrow();
    }

    private static Optional<ProcessHandle> onlyChildOtherThan(long pid) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).filter(p -> p.pid() != pid)
                .findFirst();
    }
}
