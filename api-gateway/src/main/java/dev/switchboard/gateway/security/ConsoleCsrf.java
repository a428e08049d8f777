package dev.switchboard.gateway.security;

import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * Cross-site request forgery protection for what the session cookie authorises: a request that
 * changes something and rides on the cookie (no Authorization header of its own) must echo the
 * {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN} (double submit; a foreign page can send the
 * cookie but cannot read it). Signing in is checked too, so no page can sign a person in as
 * someone else. API clients with a bearer header are untouched: a browser never adds one by itself.
 */
final class ConsoleCsrf {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    private ConsoleCsrf() {
    }

    static CookieServerCsrfTokenRepository tokenRepository() {
        CookieServerCsrfTokenRepository repository = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    static ServerWebExchangeMatcher protectedRequests() {
        return exchange -> needsToken(exchange.getRequest()) ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    static boolean needsToken(ServerHttpRequest request) {
        if (SAFE.contains(request.getMethod())) {
            return false;
        }
        if (request.getPath().pathWithinApplication().value().equals("/console/session")) {
            return true;
        }
        return !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && SessionCookie.read(request).isPresent();
    }
}
