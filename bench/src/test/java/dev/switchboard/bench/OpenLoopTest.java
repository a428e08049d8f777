package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void everyRequestIsSentOnceWithItsDueTimeOnTheSchedule() throws InterruptedException {
        Map<Long, Long> due = new ConcurrentHashMap<>();
        OpenLoop.run(200, Duration.ofMillis(1), Duration.ofSeconds(10), (i, dueNanos) -> {
            if (due.putIfAbsent(i, dueNanos) != null) {
                throw new AssertionError("request " + i + " sent twice");
            }
        });
        assertThat(due).hasSize(200);
        long first = due.get(0L);
        for (long i = 0; i < 200; i++) {
            assertThat(due.get(i) - first).isEqualTo(i * 1_000_000L);
        }
    }

    @Test
    void aFailingRequestDoesNotStopTheLoad() throws InterruptedException {
        Map<Long, Boolean> sent = new ConcurrentHashMap<>();
        OpenLoop.run(20, Duration.ofMillis(1), Duration.ofSeconds(10), (i, dueNanos) -> {
            sent.put(i, true);
            if (i % 2 == 0) {
                throw new IllegalStateException("refused");
            }
        });
        assertThat(sent).hasSize(20);
    }
}
