package dev.switchboard.orchestrator.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is asking: the JWT's {@code sub}, whether its roles include {@code admin}, and the token
 * itself (for connectors that forward the caller's own token; it is sealed, never stored).
 */
public record Caller(String userId, boolean admin, String token) {

    @Override
    public String toString() {
        return "Caller[" + userId + (admin ? ", admin" : "") + "]";
    }

    public static Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
        String token = auth instanceof JwtAuthenticationToken jwt ? jwt.getToken().getTokenValue() : null;
        return new Caller(auth.getName(), admin, token);
    }
}
