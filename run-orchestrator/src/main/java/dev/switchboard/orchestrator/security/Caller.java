package dev.switchboard.orchestrator.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking: the JWT's {@code sub}, and whether its roles include {@code admin}. */
public record Caller(String userId, boolean admin) {

    public static Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
        return new Caller(auth.getName(), admin);
    }
}
