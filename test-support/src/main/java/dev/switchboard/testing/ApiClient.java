package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls to a server under test on 127.0.0.1, with an optional bearer token. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path, String token) {
        return get(path, token, Map.of());
    }

    public HttpResponse<String> get(String path, String token, Map<String, String> headers) {
        return send("GET", path, token, null, null, headers);
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json, Map.of());
    }

    public HttpResponse<String> put(String path, String token, String json) {
        return send("PUT", path, token, "application/json", json, Map.of());
    }

    public HttpResponse<String> delete(String path, String token) {
        return send("DELETE", path, token, null, null, Map.of());
    }

    /** Any request; {@code body} null sends none. */
    public HttpResponse<String> send(String method, String path, String token, String contentType, String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
