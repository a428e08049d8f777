package dev.switchboard.gateway.security;

import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's OpenID Connect sign-in (authorization code, Spring Security's client), on when a
 * provider is configured under {@code spring.security.oauth2.client}. The provider's access token
 * becomes the session cookie exactly as a pasted token does: checked by the same decoder the API
 * uses, so it must be a JWT this deployment accepts, with {@code sub} and {@code roles}. Nothing is
 * kept on the server: the sign-in's request rides in a cookie ({@link LoginRequestCookie}) and the
 * token is handed from the code exchange to the cookie within the one callback request
 * (docs/adr/023).
 */
@Component
class OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    private static final String TOKEN_ATTRIBUTE = OidcSignIn.class.getName() + ".accessToken";

    private final ObjectProvider<ReactiveClientRegistrationRepository> registrations;
    private final ReactiveJwtDecoder decoder;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    OidcSignIn(ObjectProvider<ReactiveClientRegistrationRepository> registrations, ReactiveJwtDecoder decoder,
            JsonMapper json) {
        this.registrations = registrations;
        this.decoder = decoder;
        this.json = json;
    }

    /** Adds the sign-in to the chain when a provider is configured; otherwise tokens are pasted. */
    void configure(ServerHttpSecurity http) {
        ReactiveClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository == null) {
            return;
        }
        http.oauth2Login(login -> login
                .clientRegistrationRepository(repository)
                .authorizationRequestRepository(new LoginRequestCookie(json))
                .authorizedClientRepository(new TokenHandOff())
                .authenticationSuccessHandler(this::signedIn)
                .authenticationFailureHandler(this::refused));
    }

    private Mono<Void> signedIn(WebFilterExchange filterExchange, Authentication authentication) {
        ServerWebExchange exchange = filterExchange.getExchange();
        String token = exchange.getAttribute(TOKEN_ATTRIBUTE);
        String next = exchange.getAttributeOrDefault(LoginRequestCookie.NEXT_ATTRIBUTE, NextPath.DEFAULT);
        if (token == null) {
            return redirect(exchange, "/login?sso_error=failed");
        }
        return decoder.decode(token)
                .flatMap(jwt -> {
                    exchange.getResponse().addCookie(SessionCookie.issue(exchange.getRequest(), token,
                            jwt.getExpiresAt(), clock.instant()));
                    return redirect(exchange, next);
                })
                .onErrorResume(BadJwtException.class, error -> {
                    // the provider signed the person in, but its tokens are not ones the API takes
                    log.warn("OpenID Connect sign-in of '{}': the provider's access token is not accepted by "
                            + "this deployment's token check ({}); see docs/console.md", authentication.getName(),
                            error.getMessage());
                    return redirect(exchange, "/login?sso_error=token");
                })
                .onErrorResume(error -> {
                    log.warn("OpenID Connect sign-in: the access token could not be checked: {}", error.toString());
                    return redirect(exchange, "/login?sso_error=unavailable");
                });
    }

    private Mono<Void> refused(WebFilterExchange filterExchange, AuthenticationException error) {
        String code = "failed";
        if (error instanceof OAuth2AuthenticationException oauth) {
            String errorCode = oauth.getError().getErrorCode();
            if (OAuth2ErrorCodes.ACCESS_DENIED.equals(errorCode)) {
                code = "denied";
            } else if ("authorization_request_not_found".equals(errorCode)) {
                code = "expired";
            }
        }
        log.info("OpenID Connect sign-in refused: {}", error.getMessage());
        return redirect(filterExchange.getExchange(), "/login?sso_error=" + code);
    }

    private static Mono<Void> redirect(ServerWebExchange exchange, String location) {
        exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
        exchange.getResponse().getHeaders().setLocation(URI.create(location));
        exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        return exchange.getResponse().setComplete();
    }

    /**
     * Where Spring's client puts the provider's tokens after the code exchange: here only on the
     * callback's exchange, for {@link #signedIn} to turn into the cookie. Nothing outlives the request.
     */
    private static final class TokenHandOff implements ServerOAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String registrationId,
                Authentication principal, ServerWebExchange exchange) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                ServerWebExchange exchange) {
            exchange.getAttributes().put(TOKEN_ATTRIBUTE, client.getAccessToken().getTokenValue());
            return Mono.empty();
        }

        @Override
        public Mono<Void> removeAuthorizedClient(String registrationId, Authentication principal,
                ServerWebExchange exchange) {
            return Mono.empty();
        }
    }
}
