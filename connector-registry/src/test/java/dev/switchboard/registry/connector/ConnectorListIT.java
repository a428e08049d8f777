package dev.switchboard.registry.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The list endpoint against a real Mongo wire protocol server, through real HTTP and JWT checks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectorListIT {

    private static final TestMongo MONGO = new TestMongo();
    private static final byte[] KEY = TestTokens.randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri() + "/registry");
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void clean() {
        mongo.dropCollection(ConnectorDocument.class);
    }

    @Test
    void emptyRegistryAnswersAnEmptyFirstPage() throws Exception {
        HttpResponse<String> response = get("/api/v1/connectors", token(KEY, "alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree(
                "{\"data\":[],\"page\":1,\"limit\":20,\"total\":0,\"hasMore\":false}"));
    }

    @Test
    void filtersByNamespaceAndPages() throws Exception {
        for (String ref : List.of("acme/crm", "acme/billing", "acme/mail", "other/crm")) {
            String[] parts = ref.split("/");
            mongo.insert(new ConnectorDocument(null, parts[0], parts[1], null, "http", "https://example.test", null,
                    Instant.now(), Instant.now()));
        }

        JsonNode page = json.readTree(get("/api/v1/connectors?namespace=acme&limit=2", token(KEY, "alice")).body());

        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        assertThat(page.get("data").findValuesAsString("name")).containsExactly("billing", "crm");
        JsonNode second = json.readTree(get("/api/v1/connectors?namespace=acme&limit=2&page=2",
                token(KEY, "alice")).body());
        assertThat(second.get("data").findValuesAsString("name")).containsExactly("mail");
        assertThat(second.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void badPagingIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = get("/api/v1/connectors?limit=101", token(KEY, "alice"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(get("/api/v1/connectors?page=x", token(KEY, "alice")).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/connectors?namespace=Bad%20NS", token(KEY, "alice")).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesMissingAndForeignTokensWithProblemJson() throws Exception {
        HttpResponse<String> none = get("/api/v1/connectors", null);
        HttpResponse<String> foreign = get("/api/v1/connectors", token(TestTokens.randomKey(), "mallory"));

        for (HttpResponse<String> response : List.of(none, foreign)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    void healthReportsMongoThroughPing() throws Exception {
        JsonNode health = json.readTree(get("/actuator/health", null).body());

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("mongo").get("status").asString()).isEqualTo("UP");
    }

    private HttpResponse<String> get(String path, String token) {
        return new ApiClient(port).get(path, token);
    }

    private static String token(byte[] key, String subject) {
        return TestTokens.mint(key, subject, "user");
    }
}
