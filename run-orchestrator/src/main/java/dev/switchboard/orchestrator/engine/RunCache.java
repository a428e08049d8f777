package dev.switchboard.orchestrator.engine;

import dev.switchboard.orchestrator.run.RunDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The last state this instance wrote of each run it drives, so applying the next event of a run
 * costs one store write and no read (ADR 008). A cached document is only a guess at the stored
 * one: every write stays conditional on its {@code rev}, so a stale guess loses the write and the
 * engine recomputes from a fresh read. A document is handed to one thread at a time: {@link #take}
 * removes it, and the thread that saved it offers it back.
 */
@Component
class RunCache {

    private final Map<String, RunDocument> runs;

    RunCache(@Value("${switchboard.orchestrator.run-cache-size:10000}") int maxRuns) {
        // least recently used first out: a run whose partition moved away is never asked for again
        this.runs = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RunDocument> eldest) {
                return size() > maxRuns;
            }
        };
    }

    /** The cached run, removed so that no other thread changes it meanwhile. */
    synchronized Optional<RunDocument> take(String runId) {
        return Optional.ofNullable(runs.remove(runId));
    }

    /** Keeps a run just stored (or read unchanged), unless a newer revision is already here. */
    synchronized void offer(RunDocument run) {
        // a paused run may wait for days: it is read again when its decision comes
        if (run.isFinal() || run.getRev() == null || RunDocument.AWAITING_INPUT.equals(run.getStatus())) {
            runs.remove(run.getRunId());
            return;
        }
        runs.merge(run.getRunId(), run, (cached, offered) -> cached.getRev() > offered.getRev() ? cached : offered);
    }

    synchronized void forget(String runId) {
        runs.remove(runId);
    }

    synchronized int size() {
        return runs.size();
    }
}
