package dev.switchboard.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bearer header when there is one, else the console's session cookie, but only where the cookie
 * stands for an API caller: {@code /api/**}, the live events and reading the session. Pages check
 * the cookie themselves (an expired one sends the person to the login page, not to a 401), and
 * signing in or out must work whatever cookie is left over.
 */
final class SessionCookieBearerConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        // any Authorization header, even one that is not a bearer token, means "not the cookie": the
        // CSRF check (ConsoleCsrf) draws the same line, so nothing rides on the cookie unchecked
        if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) || !readsCookie(request)) {
            return header.convert(exchange);
        }
        return Mono.justOrEmpty(SessionCookie.read(request)).map(BearerTokenAuthenticationToken::new);
    }

    static boolean readsCookie(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return path.startsWith("/api/") || path.equals("/console/events")
                || (path.equals("/console/session") && HttpMethod.GET.equals(request.getMethod()));
    }
}
