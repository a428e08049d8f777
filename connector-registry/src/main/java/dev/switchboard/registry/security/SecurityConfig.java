package dev.switchboard.registry.security;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service is a resource server in its own right (docs/adr/001-identity-between-gateway-and-services.md):
 * it validates the same JWT the gateway did, so a request that bypasses the gateway gets nothing.
 */
@Configuration
class SecurityConfig {

    private static final String[] OPEN = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        var problems = new ProblemWriter(json);
        AuthenticationEntryPoint unauthenticated = (req, res, ex) ->
                problems.write(res, HttpStatus.UNAUTHORIZED, ProblemWriter.describe(ex));
        AccessDeniedHandler forbidden = (req, res, ex) ->
                problems.write(res, HttpStatus.FORBIDDEN, "Your roles do not allow this request.");
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(OPEN).permitAll().anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesClaimConverter()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /** {@code roles: ["admin"]} becomes the authority {@code ROLE_admin}. */
    private static JwtAuthenticationConverter rolesClaimConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    @Bean
    @Conditional(HmacKeyConfigured.class)
    JwtDecoder hmacJwtDecoder(JwtProperties properties) throws IOException {
        String text = properties.hmacKey() != null ? properties.hmacKey()
                : Files.readString(properties.hmacKeyFile());
        byte[] key = Base64.getDecoder().decode(text.trim());
        if (key.length < 32) {
            throw new IllegalStateException("switchboard.security.jwt: the HS256 key must be at least 32 bytes");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }
}
