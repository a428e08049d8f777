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
 * over TLS (directly or as a forwarded https request).
 */
public final class SessionCookie {

    public static final String NAME = "switchboard_session";

    private SessionCookie() {
    }

    public static Optional<String> read(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    public static ResponseCookie issue(ServerHttpRequest request, String token, Instant expiresAt, Instant now) {
        Duration maxAge = expiresAt == null ? Duration.ofHours(12) : Duration.between(now, expiresAt);
        return base(request, token).maxAge(maxAge.isNegative() ? Duration.ZERO : maxAge).build();
    }

    public static ResponseCookie clear(ServerHttpRequest request) {
        return base(request, "").maxAge(Duration.ZERO).build();
    }

    private static ResponseCookie.ResponseCookieBuilder base(ServerHttpRequest request, String value) {
        return ResponseCookie.from(NAME, value).httpOnly(true).sameSite("Lax").path("/")
                .secure(overTls(request));
    }

    static boolean overTls(ServerHttpRequest request) {
        return request.getSslInfo() != null || "https".equalsIgnoreCase(request.getURI().getScheme());
    }
}
