package dev.switchboard.registry.api;

import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestMongo;
import dev.switchboard.testing.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry on a random port with a real Mongo wire-protocol server and a real KRaft broker.
 * The servers are shared by every test class (Spring caches the context too) and go with the JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RegistryFixture {

    static final TestMongo MONGO = new TestMongo();
    static final TestKafka KAFKA = new TestKafka();
    static final byte[] KEY = TestTokens.randomKey();
    static final String ALICE = TestTokens.mint(KEY, "alice", "user");
    static final String BOB = TestTokens.mint(KEY, "bob", "user");
    static final String ADMIN = TestTokens.mint(KEY, "root", "admin");

    static final String CRM = """
            {"namespace": "acme", "name": "crm", "description": "Acme CRM", "type": "http",
             "baseUrl": "https://crm.acme.test/v1",
             "auth": {"type": "bearer", "secret": "crm_token"},
             "headers": {"Accept": "application/json"},
             "timeoutMs": 5000, "retry": {"maxAttempts": 3, "backoffMs": 200, "retryOn": [409]},
             "rateLimit": {"perSecond": 5},
             "operations": [
               {"name": "list_users", "method": "GET", "path": "/teams/{team}/users",
                "parameters": {"type": "object", "required": ["team"], "properties": {
                   "team": {"type": "string", "in": "path"},
                   "limit": {"type": "integer", "in": "query"}}}},
               {"name": "create_user", "method": "POST", "path": "/users",
                "parameters": {"type": "object", "properties": {
                   "email": {"type": "string", "format": "email", "in": "body"},
                   "X-Request-Id": {"type": "string", "in": "header"}}}}
             ]}""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri() + "/registry");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(KEY));
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void emptyRegistry() {
        for (String collection : List.of("connectors", "tools", "agents", "namespaces")) {
            mongo.remove(new org.springframework.data.mongodb.core.query.Query(), collection);
        }
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    HttpResponse<String> createCrm() {
        HttpResponse<String> created = api().post("/api/v1/connectors", ALICE, CRM);
        if (created.statusCode() != 201) {
            throw new AssertionError("could not create acme/crm: " + created.body());
        }
        return created;
    }

    /** The errors[] of a problem, as "field: message" lines. */
    List<String> errors(HttpResponse<String> response) {
        return body(response).path("errors").valueStream()
                .map(e -> (e.has("ref") ? e.get("ref").asString() + " " : "") + e.get("field").asString() + ": "
                        + e.get("message").asString())
                .toList();
    }
}
