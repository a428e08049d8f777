package dev.switchboard.bench.fault;

import java.time.Duration;

/** The faults the run injects, one scenario each; {@link #inject} returns when the platform has recovered. */
enum Fault {

    ORCHESTRATOR_KILL("kill -9 orchestrator") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target) {
            return killAndAwait(platform, "/run-orchestrator.jar", SeparateLauncher.ORCHESTRATOR_OFFSET, true);
        }
    },
    EXECUTOR_KILL("kill -9 executor") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target) {
            return killAndAwait(platform, "/step-executor.jar", SeparateLauncher.EXECUTOR_OFFSET, true);
        }
    },
    BROKER_RESTART("restart broker") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target) {
            // SIGTERM: the broker shuts down in order, as in a rolling restart, and comes back on its data dir
            return killAndAwait(platform, "SwitchboardCommand broker", SeparateLauncher.KAFKA_OFFSET, false);
        }
    },
    TARGET_503("target 503 for 10 s") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target) {
            long until = target.failFor(OUTAGE);
            Deadline.await("the end of the 503 window", OUTAGE.plusSeconds(5), () -> System.nanoTime() - until >= 0);
            return until;
        }
    };

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration BACK_WITHIN = Duration.ofMinutes(5);

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Injects the fault and waits until it is over; returns that moment ({@link System#nanoTime()}). */
    abstract long inject(SeparateLauncher platform, TargetApi target);

    private static long killAndAwait(SeparateLauncher platform, String marker, int portOffset, boolean forcibly) {
        long pid = platform.stop(marker, forcibly);
        platform.awaitRestarted(marker, pid, portOffset, BACK_WITHIN);
        return System.nanoTime();
    }
}
