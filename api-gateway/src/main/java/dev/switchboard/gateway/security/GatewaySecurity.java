package dev.switchboard.gateway.security;

import dev.switchboard.gateway.web.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;

/**
 * Every {@code /api/v1/**} request needs a valid bearer JWT, in the Authorization header or in the
 * console's session cookie (then with a CSRF token for changes); health, metrics, the API docs and
 * the console's pages and assets are open. Failures are problem+json saying what was wrong, never echoing the token.
 */
@Configuration
class GatewaySecurity {

    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/**"};

    /** Console pages check the session cookie themselves (an expired one leads to the login page). */
    private static final String[] CONSOLE_PAGES = {"/", "/login", "/connectors", "/connectors/*/*", "/tools",
            "/tools/*", "/runs", "/runs/*", "/secrets", "/ops", "/ops/**", "/console/**"};

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, Problems problems, OidcSignIn oidc) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, ex) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthenticated", describe(ex));
        };
        ServerAccessDeniedHandler forbidden = (exchange, ex) -> problems.write(exchange.getResponse(),
                HttpStatus.FORBIDDEN, "forbidden", "Your roles do not allow this request.");
        ServerAccessDeniedHandler csrfRefused = (exchange, ex) -> problems.write(exchange.getResponse(),
                HttpStatus.FORBIDDEN, "csrf", "A request signed in by the console's cookie must carry the XSRF-TOKEN "
                        + "cookie's value in the X-XSRF-TOKEN header; reload the page and try again.");
        http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(ConsoleCsrf.tokenRepository())
                        // the header carries the cookie's value as it is (no per-request masking to undo in JS)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(ConsoleCsrf.protectedRequests())
                        .accessDeniedHandler(csrfRefused))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(auth -> auth
                        .pathMatchers(OPEN).permitAll()
                        .pathMatchers(HttpMethod.POST, "/console/session").permitAll()
                        .pathMatchers(HttpMethod.DELETE, "/console/session").permitAll()
                        .pathMatchers("/console/session", "/console/events").authenticated()
                        .pathMatchers(HttpMethod.GET, CONSOLE_PAGES).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenConverter(new SessionCookieBearerConverter())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesClaimConverter()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
        oidc.configure(http);
        return http.build();
    }

    /** {@code roles: ["admin"]} becomes the authority {@code ROLE_admin}, as in every service. */
    static ReactiveJwtAuthenticationConverterAdapter rolesClaimConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    @Bean
    @Conditional(HmacKeyConfigured.class)
    ReactiveJwtDecoder hmacJwtDecoder(JwtProperties properties) throws IOException {
        String text = properties.hmacKey() != null ? properties.hmacKey()
                : Files.readString(properties.hmacKeyFile());
        byte[] key = Base64.getDecoder().decode(text.trim());
        if (key.length < 32) {
            throw new IllegalStateException("switchboard.security.jwt: the HS256 key must be at least 32 bytes");
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }

    static String describe(AuthenticationException ex) {
        if (ex instanceof InvalidBearerTokenException) {
            String message = ex.getMessage() == null ? "" : ex.getMessage();
            if (message.contains("expired")) {
                return "The bearer token has expired.";
            }
            return "The bearer token is not valid: " + message;
        }
        return "A bearer token is required: send 'Authorization: Bearer <JWT>'.";
    }
}
