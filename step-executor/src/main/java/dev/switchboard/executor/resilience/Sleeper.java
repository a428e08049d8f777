package dev.switchboard.executor.resilience;

import java.time.Duration;

/** Waits between attempts and for rate-limit permits; a seam so tests can check waits without taking them. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
