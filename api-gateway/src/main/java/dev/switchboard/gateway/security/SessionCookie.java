package dev.switchboard.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The console's session: the caller's own JWT in an HttpOnly cookie, so page scripts never hold it.
 * The gateway stays stateless: any instance validates the cookie as it validates a bearer header
 * (docs/adr/022). SameSite=Lax keeps it off cross-site subrequests; Secure when the request came
 * over TLS (directly or through a proxy that terminated it).
 */
public final class SessionCookie {

    public static final String NAME = "switchboard_session";
    static final Duration LONGEST = Duration.ofHours(12);

    private SessionCookie() {
    }

    public static Optional<String> read(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    /**
     * A browser keeps the session at most {@link #LONGEST} (a working day), even for a token valid for
     * weeks, and never past the token's own expiry. Signing out deletes the cookie; the token itself
     * stays valid until it expires (JWTs are not revocable here).
     */
    public static ResponseCookie issue(ServerHttpRequest request, String token, Instant expiresAt, Instant now) {
        Duration left = expiresAt == null ? LONGEST : Duration.between(now, expiresAt);
        Duration maxAge = left.isNegative() ? Duration.ZERO : left.compareTo(LONGEST) > 0 ? LONGEST : left;
        return base(request, token).maxAge(maxAge).build();
    }

    public static ResponseCookie clear(ServerHttpRequest request) {
        return base(request, "").maxAge(Duration.ZERO).build();
    }

    private static ResponseCookie.ResponseCookieBuilder base(ServerHttpRequest request, String value) {
        return ResponseCookie.from(NAME, value).httpOnly(true).sameSite("Lax").path("/")
                .secure(overTls(request));
    }

    /**
     * TLS here, or at the proxy in front (its {@code X-Forwarded-Proto}). A client that lies about it only
     * makes its own cookie stricter.
     */
    static boolean overTls(ServerHttpRequest request) {
        return request.getSslInfo() != null || "https".equalsIgnoreCase(request.getURI().getScheme())
                || "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
    }
}
