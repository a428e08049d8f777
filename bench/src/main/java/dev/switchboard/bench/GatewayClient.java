package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The bench's HTTP client: one shared {@link HttpClient} on virtual threads, the token added to gateway calls. */
final class GatewayClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final URI gateway;
    private final String token;

    GatewayClient(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    URI gateway() {
        return gateway;
    }

    /** A call to {@code /api/v1{path}} with a JSON body or none. */
    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/api/v1" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #send} but fails the bench on any other status, quoting the answer. */
    String expect(int status, String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, json);
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + ": expected " + status + " but got "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A plain GET (a direct call to the target, a metrics scrape), no token. */
    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
