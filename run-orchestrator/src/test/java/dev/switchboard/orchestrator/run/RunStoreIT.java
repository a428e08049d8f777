package dev.switchboard.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.testing.TestMongo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The run store against a real Mongo wire-protocol server: whatever a save sends (a change set or
 * the whole document), the store then holds exactly the run as it is in memory.
 */
class RunStoreIT {

    private static final TestMongo MONGO = new TestMongo();
    private static final MongoClient CLIENT = MongoClients.create(MONGO.uri());

    private final MongoTemplate mongo = new MongoTemplate(CLIENT, "runs");
    private final RunStore store = new RunStore(mongo);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterAll
    static void stop() {
        CLIENT.close();
        MONGO.close();
    }

    @BeforeEach
    void clean() {
        mongo.dropCollection(RunDocument.class);
    }

    private RunDocument newRun(String runId) {
        RunDocument run = new RunDocument();
        run.setRunId(runId);
        run.setToolId("sync-users");
        run.setStatus(RunDocument.RUNNING);
        run.setStartedAt(now);
        run.setDeadline(now.plusSeconds(300));
        run.setChain(List.of("tool:a", "tool:b"));
        StepState step = new StepState("list");
        step.setTotal(1);
        step.getItems().add(dispatched(0));
        run.getSteps().add(step);
        return run;
    }

    private ItemState dispatched(int index) {
        ItemState item = new ItemState(index);
        item.setDispatchedAt(now);
        item.setRequestJson("{\"headers\":{\"x.trace\":\"" + index + "\"}}");
        return item;
    }

    private Document stored(String runId) {
        return mongo.getCollection("runs").find(new Document("_id", runId)).first();
    }

    private Document written(RunDocument run) {
        Document document = new Document();
        mongo.getConverter().write(run, document);
        return document;
    }

    /** Applies a change, saves, and checks the store holds the whole run as it is now. */
    private void saveAfter(RunDocument run, Consumer<RunDocument> change) {
        change.accept(run);
        store.save(run);
        assertThat(stored(run.getRunId())).isEqualTo(written(run));
    }

    @Test
    void everySaveLeavesTheStoreHoldingTheRunAsItIsInMemory() {
        RunDocument run = newRun("r1");
        store.insert(run);
        assertThat(run.getRev()).isZero();
        assertThat(stored("r1")).isEqualTo(written(run));

        saveAfter(run, r -> {
            ItemState item = r.getSteps().get(0).getItems().get(0);
            item.setDone(true);
            item.setSuccess(true);
            item.setDataJson("[1,2,3,4,5,6,7,8]");
            item.setHttpStatus(200);
            r.getSteps().get(0).setCompleted(1);
            r.getSteps().get(0).setStatus(StepState.SUCCESS);
            r.setCurrentStep(1);
        });
        // a looped step begins and dispatches eight items at once: eight appends in one update
        saveAfter(run, r -> {
            StepState loop = new StepState("each");
            loop.setLooped(true);
            loop.setTotal(8);
            for (int i = 0; i < 8; i++) {
                loop.getItems().add(dispatched(i));
            }
            r.getSteps().add(loop);
        });
        for (int i = 0; i < 8; i++) {
            int index = i;
            saveAfter(run, r -> {
                StepState loop = r.getSteps().get(1);
                ItemState item = loop.getItems().get(index);
                item.setDone(true);
                item.setCompletedAt(now.plusMillis(index));
                if (index == 3) {
                    item.setError(new StepError("HTTP_ERROR", "Not Found", 404));
                    loop.setFailed(1);
                } else {
                    item.setSuccess(true);
                    item.setDataJson("{\"id\":" + index + "}");
                }
                loop.setCompleted(index + 1);
            });
        }
        // fields become null (gone from the document), a list shrinks, the run ends
        saveAfter(run, r -> {
            r.getSteps().get(1).getItems().get(3).setError(null);
            r.setChain(List.of("tool:b"));
            r.setStatus(RunDocument.FAILED);
            r.setError(new RunError("STEP_FAILED", "item 3 failed", "each", 3));
            r.setFinishedAt(now.plusSeconds(1));
        });

        assertThat(run.getRev()).isEqualTo(11L);
        RunDocument read = store.find("r1").orElseThrow();
        assertThat(written(read)).isEqualTo(written(run));
        assertThat(read.getSteps().get(1).getItems()).hasSize(8);
    }

    @Test
    void aRunReadBackIsSavedByItsChanges() {
        store.insert(newRun("r2"));
        RunDocument read = store.find("r2").orElseThrow();

        saveAfter(read, r -> {
            r.getSteps().get(0).getItems().get(0).setDone(true);
            r.getSteps().get(0).getItems().add(dispatched(1));
            r.setTraceId("trace-1");
            r.setChain(null);
        });

        assertThat(stored("r2")).doesNotContainKey("chain").containsEntry("rev", 1L);
    }

    @Test
    void aSaveFromAStaleRevisionFailsAndLeavesTheStoredRunAlone() {
        store.insert(newRun("r3"));
        RunDocument first = store.find("r3").orElseThrow();
        RunDocument second = store.find("r3").orElseThrow();
        first.setStatus(RunDocument.ABORTED);
        store.save(first);
        Document afterFirst = stored("r3");

        second.getSteps().get(0).getItems().get(0).setDone(true);
        second.setStatus(RunDocument.SUCCESS);

        assertThatThrownBy(() -> store.save(second)).isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("r3");
        assertThat(stored("r3")).isEqualTo(afterFirst).containsEntry("status", RunDocument.ABORTED);
        assertThat(second.getRev()).isZero();
    }

    @Test
    void aSecondInsertOfTheSameRunIdIsRefusedAndChangesNothing() {
        store.insert(newRun("r4"));
        Document first = stored("r4");
        RunDocument again = newRun("r4");
        again.setToolId("other");

        assertThatThrownBy(() -> store.insert(again)).isInstanceOf(RunExistsException.class);
        assertThat(stored("r4")).isEqualTo(first);
    }

    @Test
    void aRunReadInPartIsRefusedRatherThanSavedOverTheWholeOne() {
        store.insert(newRun("r5"));
        Document whole = stored("r5");
        RunDocument followUps = store.findFollowUps(List.of("r5")).getFirst();
        followUps.setWebhookUrl("http://127.0.0.1:1/hook");

        assertThatThrownBy(() -> store.save(followUps)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("r5");
        assertThat(stored("r5")).isEqualTo(whole);
    }

    @Test
    void aMissingRunIsEmpty() {
        assertThat(store.find("nope")).isEmpty();
    }
}
