package dev.switchboard.secrets.secret;

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
class SecretListIT {

    private static final TestMongo MONGO = new TestMongo();
    private static final byte[] KEY = TestTokens.randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri() + "/secrets");
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
        mongo.dropCollection(SecretDocument.class);
    }

    @Test
    void aUserSeesSharedSecretsAndOnlyTheirOwnPrivateOnesNeverAValue() throws Exception {
        mongo.insert(secret("github_token", "shared", "admin1"));
        mongo.insert(secret("alice_key", "private", "alice"));
        mongo.insert(secret("bob_key", "private", "bob"));

        HttpResponse<String> response = get("/api/v1/secrets", token(KEY, "alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = json.readTree(response.body());
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("data").findValuesAsString("name")).containsExactly("alice_key", "github_token");
        assertThat(response.body()).doesNotContain("bob_key").doesNotContain("value").doesNotContain("ciphertext");
    }

    @Test
    void badPagingIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = get("/api/v1/secrets?page=0", token(KEY, "alice"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("page");
    }

    @Test
    void refusesMissingAndForeignTokens() throws Exception {
        assertThat(get("/api/v1/secrets", null).statusCode()).isEqualTo(401);
        HttpResponse<String> foreign = get("/api/v1/secrets", token(TestTokens.randomKey(), "mallory"));
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static SecretDocument secret(String name, String scope, String owner) {
        return new SecretDocument(null, name, scope, owner, null, 1, "k1", Instant.now(), Instant.now());
    }

    private HttpResponse<String> get(String path, String token) {
        return new ApiClient(port).get(path, token);
    }

    private static String token(byte[] key, String subject) {
        return TestTokens.mint(key, subject, "user");
    }
}
