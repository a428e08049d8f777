package dev.switchboard.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class RunChangesTest {

    private static Document parse(String json) {
        return Document.parse(json);
    }

    @Test
    void equalDocumentsChangeNothing() {
        Document run = parse("{_id: 'r1', rev: 3, steps: [{stepId: 'a', items: [{index: 0}]}]}");

        assertThat(RunChanges.between(run, parse(run.toJson()))).isEqualTo(parse("{$set: {}}"));
    }

    @Test
    void setsOnlyTheFieldsThatChangedDeepInsideListsAndDocuments() {
        Document before = parse("{_id: 'r1', status: 'running', steps: [{stepId: 'a', completed: 0,"
                + " items: [{index: 0, status: 'running'}, {index: 1, status: 'running'}]}]}");
        Document now = parse("{_id: 'r1', status: 'running', steps: [{stepId: 'a', completed: 1,"
                + " items: [{index: 0, status: 'running'}, {index: 1, status: 'success', dataJson: '{}'}]}]}");

        assertThat(RunChanges.between(before, now)).isEqualTo(parse("{$set: {'steps.0.completed': 1,"
                + " 'steps.0.items.1.status': 'success', 'steps.0.items.1.dataJson': '{}'}}"));
    }

    @Test
    void appendsToAGrownListByIndexOnePastItsEnd() {
        Document before = parse("{steps: [{stepId: 'a', items: [{index: 0}]}]}");
        Document now = parse("{steps: [{stepId: 'a', items: [{index: 0}, {index: 1}, {index: 2}]}, {stepId: 'b'}]}");

        assertThat(RunChanges.between(before, now)).isEqualTo(parse("{$set: {'steps.0.items.1': {index: 1},"
                + " 'steps.0.items.2': {index: 2}, 'steps.1': {stepId: 'b'}}}"));
    }

    @Test
    void unsetsKeysThatAreGoneAndSetsNewOnes() {
        Document before = parse("{status: 'running', error: {code: 'X'}, steps: [{stepId: 'a', note: 'n'}]}");
        Document now = parse("{status: 'failed', finishedAt: 5, steps: [{stepId: 'a'}]}");

        assertThat(RunChanges.between(before, now)).isEqualTo(parse("{$set: {status: 'failed', finishedAt: 5},"
                + " $unset: {error: '', 'steps.0.note': ''}}"));
    }

    @Test
    void setsAShrunkListWhole() {
        Document before = parse("{chain: ['tool:a', 'tool:b']}");
        Document now = parse("{chain: ['tool:b']}");

        assertThat(RunChanges.between(before, now)).isEqualTo(parse("{$set: {chain: ['tool:b']}}"));
    }

    @Test
    void setsAValueWhole_whenItsTypeChanged() {
        Document before = parse("{approval: 'none', steps: [1, 2]}");
        Document now = parse("{approval: {stepId: 'a'}, steps: {first: 1}}");

        assertThat(RunChanges.between(before, now))
                .isEqualTo(parse("{$set: {approval: {stepId: 'a'}, steps: {first: 1}}}"));
    }

    @Test
    void setsADocumentWhole_whenAKeyCannotBeNamedInAPath() {
        Document before = parse("{items: [{request: {headers: {'x.trace': '1', '$weird': '2'}}}]}");
        Document now = parse("{items: [{request: {headers: {'x.trace': '9', '$weird': '2'}}}]}");

        assertThat(RunChanges.between(before, now)).isEqualTo(
                parse("{$set: {'items.0.request.headers': {'x.trace': '9', '$weird': '2'}}}"));
    }

    @Test
    void aNullBecomingAValueIsSet() {
        Document before = new Document("steps", new ArrayList<>(java.util.Arrays.asList(null, "b")));
        Document now = new Document("steps", List.of(new Document("stepId", "a"), "b"));

        assertThat(RunChanges.between(before, now))
                .isEqualTo(new Document("$set", new Document("steps.0", new Document("stepId", "a"))));
    }
}
