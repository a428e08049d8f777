package dev.switchboard.gateway.security;

import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

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

    static ServerCsrfTokenRepository tokenRepository() {
        return new TokenCookies(cookies(true), cookies(false));
    }

    private static CookieServerCsrfTokenRepository cookies(boolean secure) {
        CookieServerCsrfTokenRepository repository = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict").secure(secure));
        return repository;
    }

    /**
     * The token cookie is Secure on the same terms as the session cookie ({@link SessionCookie#overTls}):
     * Spring's repository alone sees only TLS ended here, not at a proxy in front.
     */
    private record TokenCookies(CookieServerCsrfTokenRepository overTls, CookieServerCsrfTokenRepository plain)
            implements ServerCsrfTokenRepository {

        @Override
        public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
            return pick(exchange).generateToken(exchange);
        }

        @Override
        public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
            return pick(exchange).saveToken(exchange, token);
        }

        @Override
        public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
            return pick(exchange).loadToken(exchange);
        }

        private CookieServerCsrfTokenRepository pick(ServerWebExchange exchange) {
            return SessionCookie.overTls(exchange.getRequest()) ? overTls : plain;
        }
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
