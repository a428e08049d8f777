package dev.switchboard.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.orchestrator.run.RunDocument;
import org.junit.jupiter.api.Test;

class RunCacheTest {

    @Test
    void aTakenRunIsNobodyElsesUntilOfferedBack() {
        RunCache cache = new RunCache(10);
        RunDocument run = run("r1", 3, RunDocument.RUNNING);
        cache.offer(run);

        assertThat(cache.take("r1")).containsSame(run);
        assertThat(cache.take("r1")).isEmpty();
        cache.offer(run);
        assertThat(cache.take("r1")).containsSame(run);
    }

    @Test
    void anOlderRevisionNeverReplacesANewerOne() {
        RunCache cache = new RunCache(10);
        RunDocument newer = run("r1", 5, RunDocument.RUNNING);
        cache.offer(newer);
        cache.offer(run("r1", 4, RunDocument.RUNNING));

        assertThat(cache.take("r1")).containsSame(newer);
    }

    @Test
    void aRunPausedForApprovalIsLetGoSoThatWaitingCostsNoMemory() {
        RunCache cache = new RunCache(10);
        cache.offer(run("r1", 2, RunDocument.RUNNING));
        cache.offer(run("r1", 3, RunDocument.AWAITING_INPUT));

        assertThat(cache.take("r1")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void finishedAndUnstoredRunsAreNotKept() {
        RunCache cache = new RunCache(10);
        cache.offer(run("r1", 2, RunDocument.RUNNING));
        cache.offer(run("r1", 3, RunDocument.SUCCESS));
        cache.offer(run("r2", 0, RunDocument.FAILED));
        RunDocument unstored = run("r3", 0, RunDocument.RUNNING);
        unstored.setRev(null);
        cache.offer(unstored);

        assertThat(cache.take("r1")).isEmpty();
        assertThat(cache.take("r2")).isEmpty();
        assertThat(cache.take("r3")).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedRunLeavesFirstWhenFull() {
        RunCache cache = new RunCache(2);
        cache.offer(run("a", 1, RunDocument.RUNNING));
        cache.offer(run("b", 1, RunDocument.RUNNING));
        cache.offer(run("c", 1, RunDocument.RUNNING));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.take("a")).isEmpty();
        assertThat(cache.take("b")).isPresent();
        assertThat(cache.take("c")).isPresent();
    }

    private static RunDocument run(String id, long rev, String status) {
        RunDocument run = new RunDocument();
        run.setRunId(id);
        run.setRev(rev);
        run.setStatus(status);
        return run;
    }
}
