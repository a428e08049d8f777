package dev.switchboard.executor.secret;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the secrets service's internal resolve endpoint with the service credential. */
@Component
class SecretsClient {

    private final SecretsProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final URI resolve;

    SecretsClient(SecretsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.resolve = properties.url() == null ? null : properties.url().resolve("/internal/v1/secrets/resolve");
    }

    ResolvedSecret resolve(String name, String userId) {
        if (resolve == null || properties.serviceToken() == null) {
            throw new SecretResolutionException(SecretResolutionException.UNAVAILABLE,
                    "switchboard.secrets.url and service-token are not configured");
        }
        var body = json.createObjectNode().put("name", name);
        if (userId != null) {
            body.put("userId", userId);
        }
        HttpRequest request = HttpRequest.newBuilder(resolve).timeout(properties.timeout())
                .header("Authorization", "Bearer " + properties.serviceToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SecretResolutionException(SecretResolutionException.UNAVAILABLE,
                    "the secrets service did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretResolutionException(SecretResolutionException.UNAVAILABLE, "interrupted");
        }
        if (response.statusCode() == 404) {
            throw new SecretResolutionException(SecretResolutionException.NOT_FOUND,
                    "no private or shared secret named '" + name + "'");
        }
        if (response.statusCode() != 200) {
            // the body is a problem+json without values; its detail helps whoever reads the step error
            throw new SecretResolutionException(SecretResolutionException.UNAVAILABLE,
                    "the secrets service answered " + response.statusCode() + " for '" + name + "'");
        }
        JsonNode answer = json.readTree(response.body());
        return new ResolvedSecret(answer.path("name").asString(), answer.path("scope").asString(),
                answer.path("version").asLong(), answer.get("value"));
    }
}
