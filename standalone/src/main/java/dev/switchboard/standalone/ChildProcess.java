package dev.switchboard.standalone;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of {@code up --separate}, started again a second after it dies while the platform
 * runs, as a process manager would: a service killed with -9 or a broker restarted comes back on
 * the same ports and data dir. A process that keeps dying within seconds of its start is given up.
 */
final class ChildProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    /** A pause before a restart, so a process that dies at once does not spin. */
    private static final Duration RESTART_AFTER = Duration.ofSeconds(1);
    private static final Duration QUICK_EXIT = Duration.ofSeconds(10);
    private static final int QUICK_EXITS_TOLERATED = 5;
    private static final Duration STOP_WITHIN = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Duration restartAfter;
    private volatile Process process;
    private volatile boolean stopping;
    private long startedAt;
    private int quickExits;

    ChildProcess(String name, List<String> command, Path logFile) {
        this(name, command, logFile, RESTART_AFTER);
    }

    ChildProcess(String name, List<String> command, Path logFile, Duration restartAfter) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.restartAfter = restartAfter;
    }

    String name() {
        return name;
    }

    /** Starts the process; its output is appended to the log file, so a restart keeps what came before. */
    synchronized ChildProcess start() {
        if (stopping) {
            return this;
        }
        try {
            Process started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile())).start();
            process = started;
            startedAt = System.nanoTime();
            started.onExit().thenRun(() -> exited(started));
            log.debug("{} started (pid {}), output in {}", name, started.pid(), logFile);
            return this;
        } catch (IOException e) {
            throw new StartupException(name + " cannot be started: " + e.getMessage(), e);
        }
    }

    /** Whether the current process is running (false between a death and its restart). */
    boolean alive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    private synchronized void exited(Process dead) {
        if (stopping || dead != process) {
            return;
        }
        boolean quick = System.nanoTime() - startedAt < QUICK_EXIT.toNanos();
        quickExits = quick ? quickExits + 1 : 0;
        if (quickExits > QUICK_EXITS_TOLERATED) {
            log.error("{} exited {} times within {} s of its start; not starting it again (see {})", name,
                    quickExits, QUICK_EXIT.toSeconds(), logFile);
            return;
        }
        log.warn("{} (pid {}) exited with code {}; starting it again", name, dead.pid(), dead.exitValue());
        CompletableFuture.delayedExecutor(restartAfter.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            try {
                start();
            } catch (StartupException e) {
                log.error("{}", e.getMessage());
            }
        });
    }

    /** Stops the process (SIGTERM, so it shuts down in order), killing it if it takes too long. */
    @Override
    public void close() {
        Process current;
        synchronized (this) {
            stopping = true;
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("{} did not stop within {} s; killing it", name, STOP_WITHIN.toSeconds());
                current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
