package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.testing.ApiClient;
import dev.switchboard.testing.TestTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production identity: no HS256 key, a JWKS URL instead (an identity provider's, here a real
 * HTTP server publishing an RSA key). RS256 tokens from it pass; HS256 tokens do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwksIT {

    private static final RSAKey SIGNING_KEY = rsaKey();
    private static final HttpServer IDENTITY_PROVIDER = jwks();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + IDENTITY_PROVIDER.getAddress().getPort() + "/jwks.json");
    }

    @AfterAll
    static void stop() {
        IDENTITY_PROVIDER.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aTokenSignedByTheProvidersKeyIsAcceptedAndAnHmacOneIsNot() throws Exception {
        ApiClient api = new ApiClient(port);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(SIGNING_KEY.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("alice").claim("roles", List.of("admin"))
                        .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(SIGNING_KEY));

        // no service behind the route: getting past authentication shows as 503, not 401
        assertThat(api.get("/api/v1/runs", jwt.serialize()).statusCode()).isEqualTo(503);
        assertThat(api.get("/api/v1/runs", TestTokens.mint(TestTokens.randomKey(), "mallory", "admin"))
                .statusCode()).isEqualTo(401);
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
