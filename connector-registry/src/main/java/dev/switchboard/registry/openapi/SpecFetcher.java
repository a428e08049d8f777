package dev.switchboard.registry.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Fetches a spec by URL. Redirects are followed by hand, at most five, so every hop is checked
 * against the {@link EgressPolicy} and a public URL cannot bounce the registry to an internal
 * one. Bodies are capped at 5 MB and the whole fetch at 10 seconds.
 */
@Component
class SpecFetcher {

    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EgressPolicy egress;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();

    SpecFetcher(EgressPolicy egress) {
        this.egress = egress;
    }

    String fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SpecFetchException("'" + url + "' is not a valid URL");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            egress.check(uri);
            HttpResponse<InputStream> response = send(uri);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                uri = uri.resolve(response.headers().firstValue("Location").get());
                close(response);
                continue;
            }
            if (status != 200) {
                close(response);
                throw new SpecFetchException("fetching " + uri + " answered HTTP " + status);
            }
            return read(response);
        }
        throw new SpecFetchException("more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<InputStream> send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json, application/yaml, text/yaml, */*").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SpecFetchException("could not fetch " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpecFetchException("interrupted while fetching " + uri);
        }
    }

    private static String read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new SpecFetchException("the spec is larger than 5 MB");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecFetchException("could not read the spec: " + e.getMessage());
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing to release beyond the stream itself
        }
    }
}
