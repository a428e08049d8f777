package dev.switchboard.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** HS256 keys and tokens shaped as the standalone's ({@code iss=switchboard}, {@code roles}). */
public final class TestTokens {

    private TestTokens() {
    }

    public static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The form {@code switchboard.security.jwt.hmac-key} takes. */
    public static String base64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /** A token valid for five minutes. */
    public static String mint(byte[] key, String subject, String role) {
        return mint(key, subject, role, Instant.now().plusSeconds(300));
    }

    public static String mint(byte[] key, String subject, String role, Instant expiry) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject).issuer("switchboard").claim("roles", List.of(role))
                .expirationTime(Date.from(expiry)).build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
