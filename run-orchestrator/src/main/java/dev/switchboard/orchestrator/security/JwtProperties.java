package dev.switchboard.orchestrator.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the HS256 key the gateway and every service validate tokens with comes from: a file
 * (the standalone's, 0600 in its data dir) or the base64 text itself (an env var in production).
 * When a JWKS or issuer URI is configured instead, Boot's own decoder is used and these are unset.
 */
@ConfigurationProperties("switchboard.security.jwt")
record JwtProperties(Path hmacKeyFile, String hmacKey, String issuer) {

    JwtProperties {
        if (issuer == null || issuer.isBlank()) {
            issuer = "switchboard";
        }
    }
}
