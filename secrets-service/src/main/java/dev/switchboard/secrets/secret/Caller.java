package dev.switchboard.secrets.secret;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking: the JWT's {@code sub}, and whether its roles include {@code admin}. */
record Caller(String userId, boolean admin) {

    static Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
        return new Caller(auth.getName(), admin);
    }
}
