package dev.switchboard.bench.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** The public API of the platform under test, as an admin: what the fault run creates and reads. */
final class Gateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    Gateway(int port, String token) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** POSTs JSON; the status, or -1 when no answer came (connection refused, timeout). */
    int post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build()).map(HttpResponse::statusCode).orElse(-1);
    }

    /** POSTs JSON and fails unless the answer is 201 (setting up the connector and the tool). */
    void create(String path, String json) {
        HttpResponse<String> response = send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build())
                .orElseThrow(() -> new IllegalStateException("no answer to POST " + path));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** A run's status and error code (null without one); empty when the run is unknown (404) or no answer came. */
    Optional<RunOutcome> runOutcome(String runId) {
        return send(request("/api/v1/runs/" + runId).GET().build()).filter(response -> response.statusCode() == 200)
                .map(response -> JSON.readTree(response.body()))
                .filter(run -> run.path("status").isString())
                .map(run -> new RunOutcome(run.path("status").asString(),
                        run.path("error").path("code").isString() ? run.path("error").path("code").asString() : null));
    }

    /** What {@code GET /runs/{id}} says of a run's end. */
    record RunOutcome(String status, String errorCode) {
    }

    /** Whether the platform knows the run (200), for a submission whose answer was lost. */
    boolean runExists(String runId) {
        return send(request("/api/v1/runs/" + runId).GET().build()).map(r -> r.statusCode() == 200).orElse(false);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private Optional<HttpResponse<String>> send(HttpRequest request) {
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
