package dev.switchboard.registry.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
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

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
    private static final String MONGO_URI = "mongodb://" + MONGO.bindAndGetConnectionString().split("//")[1];
    private static final byte[] KEY = randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO_URI + "/registry");
        registry.add("switchboard.security.jwt.hmac-key", () -> Base64.getEncoder().encodeToString(KEY));
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final HttpClient http = HttpClient.newHttpClient();
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
        HttpResponse<String> foreign = get("/api/v1/connectors", token(randomKey(), "mallory"));

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

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(byte[] key, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject).issuer("switchboard").claim("roles", List.of("user"))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
