package dev.switchboard.secrets.secret;

import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The secrets service on a random port with a real Mongo wire-protocol server and a real KRaft broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SecretsFixture {

    static final TestMongo MONGO = new TestMongo();
    static final TestKafka KAFKA = new TestKafka();
    static final byte[] KEY = TestTokens.randomKey();
    static final byte[] K1 = TestTokens.randomKey();
    static final byte[] K2 = TestTokens.randomKey();
    static final String SERVICE_TOKEN = "service-" + Base64.getUrlEncoder().encodeToString(TestTokens.randomKey());
    static final String ADMIN = TestTokens.mint(KEY, "root", "admin");
    static final String ALICE = TestTokens.mint(KEY, "alice", "user");
    static final String BOB = TestTokens.mint(KEY, "bob", "user");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri() + "/secrets");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
        registry.add("switchboard.secrets.keys.k1", () -> TestTokens.base64(K1));
        registry.add("switchboard.secrets.keys.k2", () -> TestTokens.base64(K2));
        registry.add("switchboard.secrets.active-key-id", () -> "k1");
        registry.add("switchboard.secrets.service-token", () -> SERVICE_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), "secrets");
        mongo.remove(new Query(), "audit");
    }

    private ApiClient client;

    /** One client per test instance: reusing its connections keeps their setup out of what is measured. */
    ApiClient api() {
        if (client == null) {
            client = new ApiClient(port);
        }
        return client;
    }

    HttpResponse<String> create(String token, String name, String value, String scope) {
        return api().post("/api/v1/secrets", token, json.createObjectNode().put("name", name).put("value", value)
                .put("scope", scope).toString());
    }

    HttpResponse<String> resolve(String name, String userId) {
        var body = json.createObjectNode().put("name", name);
        if (userId != null) {
            body.put("userId", userId);
        }
        return api().send("POST", "/internal/v1/secrets/resolve", null, "application/json", body.toString(),
                Map.of("Authorization", "Bearer " + SERVICE_TOKEN));
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    List<String> fields(HttpResponse<String> response) {
        return body(response).path("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }
}
