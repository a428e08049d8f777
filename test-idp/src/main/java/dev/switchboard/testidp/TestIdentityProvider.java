package dev.switchboard.testidp;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * An OpenID Connect provider for tests: Spring Authorization Server with its own login form, one
 * confidential client (the console) and a few people. Its access tokens are JWTs carrying
 * {@code roles}, as a production IdP must be set up to issue them (docs/console.md).
 *
 * <p>Arguments: {@code --server.port}, {@code --spring.security.oauth2.authorizationserver.issuer},
 * {@code --idp.client-id}, {@code --idp.client-secret}, {@code --idp.redirect-uri} and
 * {@code --idp.users=alice:password:user,root:password:admin} (roles joined with {@code +}).
 */
@SpringBootApplication
public class TestIdentityProvider {

    public static void main(String[] args) {
        SpringApplication.run(TestIdentityProvider.class, args);
    }

    @Bean
    RegisteredClientRepository clients(@Value("${idp.client-id}") String clientId,
            @Value("${idp.client-secret}") String clientSecret, @Value("${idp.redirect-uri}") String redirectUri) {
        RegisteredClient console = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                .build();
        return new InMemoryRegisteredClientRepository(console);
    }

    @Bean
    UserDetailsService people(@Value("${idp.users}") String users) {
        List<UserDetails> people = Arrays.stream(users.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(entry -> {
                    String[] parts = entry.split(":", 3);
                    String[] roles = parts.length < 3 || parts[2].isBlank() ? new String[0] : parts[2].split("\\+");
                    return User.withUsername(parts[0]).password("{noop}" + parts[1]).roles(roles).build();
                })
                .toList();
        return new InMemoryUserDetailsManager(people);
    }

    /** {@code ROLE_admin} becomes {@code roles: ["admin"]} in the access and ID tokens. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
        return context -> {
            List<String> roles = context.getPrincipal().getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority.startsWith("ROLE_"))
                    .map(authority -> authority.substring("ROLE_".length()))
                    .toList();
            context.getClaims().claim("roles", roles);
        };
    }
}
