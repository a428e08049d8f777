package dev.switchboard.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunChangesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            equal documents change nothing | \
              {_id: 'r1', rev: 3, steps: [{stepId: 'a', items: [{index: 0}]}]} | \
              {_id: 'r1', rev: 3, steps: [{stepId: 'a', items: [{index: 0}]}]} | \
              {$set: {}}
            only the fields that changed, deep inside lists and documents | \
              {_id: 'r1', steps: [{stepId: 'a', completed: 0, items: [{index: 0, status: 'running'}, {index: 1, status: 'running'}]}]} | \
              {_id: 'r1', steps: [{stepId: 'a', completed: 1, items: [{index: 0, status: 'running'}, {index: 1, status: 'success', dataJson: '{}'}]}]} | \
              {$set: {'steps.0.completed': 1, 'steps.0.items.1.status': 'success', 'steps.0.items.1.dataJson': '{}'}}
            a grown list is appended to by index, one past its end | \
              {steps: [{stepId: 'a', items: [{index: 0}]}]} | \
              {steps: [{stepId: 'a', items: [{index: 0}, {index: 1}, {index: 2}]}, {stepId: 'b'}]} | \
              {$set: {'steps.0.items.1': {index: 1}, 'steps.0.items.2': {index: 2}, 'steps.1': {stepId: 'b'}}}
            keys gone are unset, new ones set | \
              {status: 'running', error: {code: 'X'}, steps: [{stepId: 'a', note: 'n'}]} | \
              {status: 'failed', finishedAt: 5, steps: [{stepId: 'a'}]} | \
              {$set: {status: 'failed', finishedAt: 5}, $unset: {error: '', 'steps.0.note': ''}}
            a shrunk list is set whole | \
              {chain: ['tool:a', 'tool:b']} | \
              {chain: ['tool:b']} | \
              {$set: {chain: ['tool:b']}}
            a value whose type changed is set whole | \
              {approval: 'none', steps: [1, 2]} | \
              {approval: {stepId: 'a'}, steps: {first: 1}} | \
              {$set: {approval: {stepId: 'a'}, steps: {first: 1}}}
            a document with a key no path can name is set whole | \
              {items: [{request: {headers: {'x.trace': '1', '$weird': '2'}}}]} | \
              {items: [{request: {headers: {'x.trace': '9', '$weird': '2'}}}]} | \
              {$set: {'items.0.request.headers': {'x.trace': '9', '$weird': '2'}}}
            """)
    void changes(String rule, String before, String now, String update) {
        assertThat(RunChanges.between(Document.parse(before), Document.parse(now))).isEqualTo(Document.parse(update));
    }

    @Test
    void aNullBecomingAValueIsSet() {
        Document before = new Document("steps", new ArrayList<>(Arrays.asList(null, "b")));
        Document now = new Document("steps", List.of(new Document("stepId", "a"), "b"));

        assertThat(RunChanges.between(before, now))
                .isEqualTo(new Document("$set", new Document("steps.0", new Document("stepId", "a"))));
    }
}
