package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** FTP and SFTP step bodies are checked when a tool or connector is saved; nothing is stored on a 400. */
class FileStepBodyApiIT extends RegistryFixture {

    private static final String SFTP = """
            {"namespace": "acme", "name": "drop", "type": "sftp", "baseUrl": "sftp://files.acme.test:2222/drop",
             "auth": {"type": "basic", "secret": "drop_login"},
             "knownHosts": "[files.acme.test]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
             "operations": [%s]}""";

    @Test
    void aToolWithABadFileStepIsRefusedNamingEachFieldAndNotStored() {
        assertThat(api().post("/api/v1/connectors", ALICE, SFTP.formatted("")).statusCode()).isEqualTo(201);

        HttpResponse<String> refused = api().post("/api/v1/tools", ALICE, """
                {"id": "files", "steps": [
                  {"id": "fetch", "connector": "acme/drop", "body": {"operation": "fetch", "path": "/in/a.csv"}},
                  {"id": "batch", "connector": "acme/drop", "body": [
                     {"operation": "put", "path": "/out/a.csv"},
                     {"operation": "get"}]}]}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].body.operation: 'fetch' is not a file operation"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[1].body[0].content: is required for put"))
                .anySatisfy(e -> assertThat(e).startsWith("steps[1].body[1].path: is required"));
        assertThat(api().get("/api/v1/tools/files", ALICE).statusCode()).isEqualTo(404);

        HttpResponse<String> stored = api().post("/api/v1/tools", ALICE, """
                {"id": "files", "steps": [
                  {"id": "listing", "connector": "acme/drop", "body": {"operation": "list", "path": "/in"}},
                  {"id": "each", "connector": "acme/drop", "dataSelector": "(s) => s.listing.data",
                   "body": {"operation": "get", "path": "<<currentItem.path>>"}}]}""");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    }

    @Test
    void aFileConnectorsOperationsAreCheckedTheSameWay() {
        HttpResponse<String> refused = api().post("/api/v1/connectors", ALICE, SFTP.formatted("""
                {"name": "get_file", "parameters": {"type": "object", "properties": {"file": {"type": "string"}}},
                 "requestBody": {"operation": "get", "path": "/../<<file>>", "newPath": "/x"}},
                {"name": "no_body"}"""));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errors(refused))
                .anySatisfy(e -> assertThat(e).startsWith("operations[0].requestBody.newPath: is for rename only"))
                .anySatisfy(e -> assertThat(e).startsWith("operations[1].requestBody: is required for a sftp"));
        assertThat(api().get("/api/v1/connectors/acme/drop", ALICE).statusCode()).isEqualTo(404);

        assertThat(api().post("/api/v1/connectors", ALICE, SFTP.formatted("""
                {"name": "get_file", "parameters": {"type": "object", "required": ["file"],
                   "properties": {"file": {"type": "string"}}},
                 "requestBody": {"operation": "get", "path": "/in/<<file>>"}}""")).statusCode()).isEqualTo(201);
    }
}
