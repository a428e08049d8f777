package dev.switchboard.registry.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FileStepBodyCheckTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyOperationInItsRightShapeIsAccepted() {
        assertThat(stepProblems("""
                [{"operation": "list", "path": "/in"},
                 {"operation": "get", "path": "/in/a.csv", "encoding": "utf8"},
                 {"operation": "put", "path": "/out/a.json", "content": {"any": ["json"]}},
                 {"operation": "put", "path": "/out/a.bin", "content": "AAEC", "encoding": "base64"},
                 {"operation": "delete", "path": "/out/old.txt"},
                 {"operation": "rename", "path": "/out/a.tmp", "newPath": "/out/a.txt"},
                 {"operation": "mkdir", "path": "/out/2026/12"},
                 {"operation": "rmdir", "path": "out/2025"},
                 {"operation": "exists", "path": "/in/../in/flag"},
                 {"operation": "stat", "path": "/"}]""")).isEmpty();
    }

    @Test
    void templatesMayStandForAnyValueAndAreJudgedByTheExecutorOnceRendered() {
        assertThat(stepProblems("{\"operation\": \"<<op>>\", \"path\": \"<<currentItem.path>>\", \"content\": 1}"))
                .isEmpty();
        assertThat(stepProblems("{\"operation\": \"get\", \"path\": \"/in/<<file>>\", \"encoding\": \"<<enc>>\"}"))
                .isEmpty();
        assertThat(stepProblems("\"<<(sourceData) => sourceData.files.map(f => ({operation: 'get', path: f}))>>\""))
                .isEmpty();
        assertThat(stepProblems("[\"<<first>>\", {\"operation\": \"list\", \"path\": \"/\"}]")).isEmpty();
        assertThat(stepProblems("{\"operation\": \"put\", \"path\": \"/a\", \"content\": \"<<rows>>\"}")).isEmpty();
    }

    @Test
    void eachMistakeIsReportedWithItsField() {
        assertThat(stepProblems("""
                [{"operation": "chmod", "path": "/a"},
                 {"operation": "get"},
                 {"operation": "rename", "path": "/a"},
                 {"operation": "put", "path": "/a"},
                 {"operation": "get", "path": "/a", "content": "x", "newPath": "/b", "mode": "fast"},
                 {"operation": "list", "path": "/a", "encoding": "utf8"},
                 {"operation": "get", "path": "/a", "encoding": "latin1"},
                 {"operation": "get", "path": "/../etc/passwd"},
                 {"operation": "get", "path": "/a\\r\\nDELE /b"},
                 {"path": "/a"},
                 "list /",
                 {"operation": 3, "path": 4}]""")).containsExactly(
                "steps[0].body[0].operation: 'chmod' is not a file operation: one of [list, get, put, delete, rename,"
                        + " mkdir, rmdir, exists, stat]",
                "steps[0].body[1].path: is required: a path such as /in/orders.csv",
                "steps[0].body[2].newPath: is required: a path such as /in/orders.csv",
                "steps[0].body[3].content: is required for put: a string, base64 with encoding: base64, or any JSON"
                        + " value",
                "steps[0].body[4].mode: is not a field of a file operation; the fields are [operation, path, newPath,"
                        + " content, encoding]",
                "steps[0].body[4].newPath: is for rename only",
                "steps[0].body[4].content: is for put only",
                "steps[0].body[5].encoding: is for get and put only",
                "steps[0].body[6].encoding: must be utf8 or base64",
                "steps[0].body[7].path: '/../etc/passwd' climbs above the connector's base path",
                "steps[0].body[8].path: must not hold control characters or '\\'",
                "steps[0].body[9].operation: is required: one of [list, get, put, delete, rename, mkdir, rmdir, exists,"
                        + " stat]",
                "steps[0].body[10]: must be an object {operation, path, newPath?, content?, encoding?} or an array of"
                        + " them",
                "steps[0].body[11].operation: '3' is not a file operation: one of [list, get, put, delete, rename,"
                        + " mkdir, rmdir, exists, stat]",
                "steps[0].body[11].path: must be a string");
    }

    @Test
    void aBatchHoldsOneToAThousandOperations() {
        assertThat(stepProblems("[]")).containsExactly("steps[0].body: a batch holds 1 to 1000 operations");
        String many = "[" + String.join(",", java.util.Collections.nCopies(1001, "{\"operation\": \"list\", \"path\":"
                + " \"/\"}")) + "]";
        assertThat(stepProblems(many)).containsExactly("steps[0].body: a batch holds 1 to 1000 operations");
    }

    @Test
    void onlyFileConnectorsAreJudgedAndAMissingStepBodyIsLeftToTheToolCheck() {
        List<FieldError> errors = new ArrayList<>();
        FileStepBodyCheck.checkStepBody("postgres", "steps[0].body", json.readTree("{\"query\": \"SELECT 1\"}"), errors);
        FileStepBodyCheck.checkStepBody("sftp", "steps[0].body", null, errors);
        FileStepBodyCheck.checkOperationBody("http", "operations[0].requestBody", null, null, errors);
        assertThat(errors).isEmpty();
    }

    @Test
    void aFileOperationNeedsARequestBodyUnlessItsParametersGoInTheBody() {
        List<FieldError> errors = new ArrayList<>();
        FileStepBodyCheck.checkOperationBody("ftp", "operations[0].requestBody", null,
                json.readTree("{\"type\": \"object\", \"properties\": {\"file\": {\"type\": \"string\"}}}"), errors);
        FileStepBodyCheck.checkOperationBody("ftp", "operations[1].requestBody", null, json.readTree(
                "{\"type\": \"object\", \"properties\": {\"operation\": {\"type\": \"string\", \"in\": \"body\"},"
                        + " \"path\": {\"type\": \"string\", \"in\": \"body\"}}}"), errors);
        FileStepBodyCheck.checkOperationBody("sftp", "operations[2].requestBody",
                json.readTree("{\"operation\": \"get\", \"path\": \"/in/<<file>>\"}"), null, errors);
        FileStepBodyCheck.checkOperationBody("sftp", "operations[3].requestBody",
                json.readTree("{\"operation\": \"fetch\", \"path\": \"/in/<<file>>\"}"), null, errors);

        assertThat(errors).extracting(FieldError::field)
                .containsExactly("operations[0].requestBody", "operations[3].requestBody.operation");
    }

    private List<String> stepProblems(String body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode node = json.readTree(body);
        FileStepBodyCheck.checkStepBody("sftp", "steps[0].body", node, errors);
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }
}
