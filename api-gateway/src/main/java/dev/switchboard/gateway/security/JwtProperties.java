package dev.switchboard.gateway.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HS256 key tokens are checked with: a file (the standalone's, 0600 in its data dir) or
 * the base64 text (an env var in production). With a JWKS or issuer URI, Boot's decoder is used.
 */
@ConfigurationProperties("switchboard.security.jwt")
record JwtProperties(Path hmacKeyFile, String hmacKey, @DefaultValue("switchboard") String issuer) {
}
