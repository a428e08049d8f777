package dev.switchboard.bench.fault;

import java.time.Duration;

/** The faults the run injects, one scenario each; {@link #inject} returns when the platform has recovered. */
enum Fault {

    ORCHESTRATOR_KILL("kill -9 orchestrator") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target, Runnable awaitServing) {
            return killAndAwait(platform, "/run-orchestrator.jar", SeparateLauncher.ORCHESTRATOR_OFFSET, true,
                    awaitServing);
        }
    },
    EXECUTOR_KILL("kill -9 executor") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target, Runnable awaitServing) {
            return killAndAwait(platform, "/step-executor.jar", SeparateLauncher.EXECUTOR_OFFSET, true, awaitServing);
        }
    },
    BROKER_RESTART("restart broker") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target, Runnable awaitServing) {
            // SIGTERM: the broker shuts down in order, as in a rolling restart, and comes back on its data dir
            return killAndAwait(platform, "SwitchboardCommand broker", SeparateLauncher.KAFKA_OFFSET, false,
                    awaitServing);
        }
    },
    TARGET_503("target 503 for 10 s") {
        @Override
        long inject(SeparateLauncher platform, TargetApi target, Runnable awaitServing) {
            // recovered when the API answers again; a probe run would only meet the open circuit breaker
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

    /**
     * Injects the fault and waits until it is over; returns that moment ({@link System#nanoTime()}).
     * {@code awaitServing} returns once a new run goes through the whole platform.
     */
    abstract long inject(SeparateLauncher platform, TargetApi target, Runnable awaitServing);

    /**
     * Over once the replacement is ready and a new run has gone through: a restarted process or
     * broker is not yet a platform that serves, until its consumer groups have settled again.
     */
    private static long killAndAwait(SeparateLauncher platform, String marker, int portOffset, boolean forcibly,
            Runnable awaitServing) {
        long pid = platform.stop(marker, forcibly);
        platform.awaitRestarted(marker, pid, portOffset, BACK_WITHIN);
        awaitServing.run();
        return System.nanoTime();
    }
}
