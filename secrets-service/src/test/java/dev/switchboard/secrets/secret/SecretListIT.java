package dev.switchboard.secrets.secret;

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
class SecretListIT {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
    private static final String MONGO_URI = "mongodb://" + MONGO.bindAndGetConnectionString().split("//")[1];
    private static final byte[] KEY = randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO_URI + "/secrets");
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
        HttpResponse<String> foreign = get("/api/v1/secrets", token(randomKey(), "mallory"));
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static SecretDocument secret(String name, String scope, String owner) {
        return new SecretDocument(null, name, scope, owner, null, 1, "k1", Instant.now(), Instant.now());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(byte[] key, String subject, String role) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject).issuer("switchboard").claim("roles", List.of(role))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static String token(byte[] key, String subject) throws Exception {
        return token(key, subject, "user");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
