package dev.switchboard.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code switchboard apply -f file}: sends the document to {@code POST /api/v1/connectors/apply}
 * and prints what happened to each item, or each problem when the document was refused.
 */
final class ApplyCommand {

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Returns the process exit code: 0 applied, 1 refused or unreachable. */
    int run(ApplyOptions options, PrintStream out, PrintStream err) {
        String document;
        try {
            document = Files.readString(options.file());
        } catch (IOException e) {
            err.println("switchboard: cannot read " + options.file() + ": " + e.getMessage());
            return 1;
        }
        String token = options.token() != null ? options.token()
                : SwitchboardCommand.token(new TokenOptions("switchboard-cli", List.of("admin"), options.dataDir(),
                        Duration.ofMinutes(5)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.url() + "/api/v1/connectors/apply"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", options.file().toString().endsWith(".json")
                        ? "application/json" : "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(document))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("switchboard: cannot reach " + options.url() + " (is `./switchboard up` running?): " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == 200) {
            for (JsonNode item : body.path("items")) {
                out.printf("%-9s %-9s %s%n", item.path("outcome").asString(), item.path("kind").asString(),
                        item.path("ref").asString());
            }
            return 0;
        }
        err.println("switchboard: apply refused (HTTP " + response.statusCode() + "): "
                + body.path("detail").asString(response.body()));
        for (JsonNode error : body.path("errors")) {
            err.println("  " + (error.has("ref") ? error.get("ref").asString() + " " : "")
                    + error.path("field").asString() + ": " + error.path("message").asString());
        }
        return 1;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }
}
