package dev.switchboard.secrets.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests the bad-input sweep (standalone PublicApiFuzzIT) found answered with a 500 or with a
 * problem that had no type: each is now a typed 4xx problem, and nothing is stored.
 */
class MalformedRequestApiIT extends SecretsFixture {

    @Test
    void aQueryThatIsNotUtf8IsA400NamingTheQuery() {
        HttpResponse<String> response = api().get("/api/v1/secrets?limit=%C0%AF", ALICE);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = problem(response, "https://switchboard.dev/problems/validation");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("query");
    }

    @Test
    void aWildcardContentTypeIsA415AndStoresNothing() {
        HttpResponse<String> response = api().send("POST", "/api/v1/secrets", ALICE, "application/*",
                "{\"name\": \"wild\", \"value\": \"v-123\", \"scope\": \"private\"}", Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        problem(response, "https://switchboard.dev/problems/unsupported-media-type");
        assertThat(response.body()).doesNotContain("v-123");
        assertThat(mongo.getCollection("secrets").countDocuments()).isZero();
    }

    @Test
    void aWrongMethodIsATypedProblem() {
        HttpResponse<String> response = api().send("PATCH", "/api/v1/secrets", ALICE, null, null, Map.of());

        assertThat(response.statusCode()).isEqualTo(405);
        problem(response, "https://switchboard.dev/problems/method-not-allowed");
    }

    private JsonNode problem(HttpResponse<String> response, String type) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo(type);
        assertThat(problem.path("title").isString()).isTrue();
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        return problem;
    }
}
