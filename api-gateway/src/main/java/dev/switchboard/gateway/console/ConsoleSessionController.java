package dev.switchboard.gateway.console;

import dev.switchboard.gateway.security.SessionCookie;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Signing the console in and out. A pasted token is checked exactly as a bearer header would be
 * (same decoder: HS256 in the standalone, JWKS in production) before it becomes the cookie, and the
 * cookie lives no longer than the token. A refusal names the field, never echoes the token.
 */
@RestController
class ConsoleSessionController {

    static final String PATH = "/console/session";

    private final ReactiveJwtDecoder decoder;
    private final ObjectProvider<ReactiveClientRegistrationRepository> providers;
    private final Clock clock;

    ConsoleSessionController(ReactiveJwtDecoder decoder, ObjectProvider<ReactiveClientRegistrationRepository> providers) {
        this.decoder = decoder;
        this.providers = providers;
        this.clock = Clock.systemUTC();
    }

    /** How one may sign in here: always a pasted token, and each configured OpenID Connect provider. */
    @GetMapping("/console/login-options")
    LoginOptions loginOptions() {
        List<LoginOptions.Provider> list = new ArrayList<>();
        if (providers.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object each : registrations) {
                ClientRegistration registration = (ClientRegistration) each;
                if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(registration.getAuthorizationGrantType())) {
                    list.add(new LoginOptions.Provider(registration.getRegistrationId(), registration.getClientName(),
                            "/oauth2/authorization/" + registration.getRegistrationId()));
                }
            }
        }
        return new LoginOptions(true, list);
    }

    /** {@code token}: a pasted token is taken; {@code providers}: where "Sign in with …" leads. */
    record LoginOptions(boolean token, List<Provider> providers) {
        record Provider(String id, String name, String url) {
        }
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> signIn(@RequestBody(required = false) Map<String, Object> body,
            ServerWebExchange exchange) {
        Object token = body == null ? null : body.get("token");
        if (!(token instanceof String text) || text.isBlank()) {
            return Mono.just(refused("Paste a token: `./switchboard token --sub <you>` prints one."));
        }
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            trimmed = trimmed.substring(7).strip();
        }
        String jwt = trimmed;
        return decoder.decode(jwt)
                .map(decoded -> {
                    exchange.getResponse().addCookie(SessionCookie.issue(exchange.getRequest(), jwt,
                            decoded.getExpiresAt(), clock.instant()));
                    return ResponseEntity.noContent().build();
                })
                .onErrorResume(BadJwtException.class, error -> Mono.just(refused(reason(error))))
                // the token may be fine: the keys to check it could not be had (a JWKS outage)
                .onErrorResume(JwtException.class, error -> Mono.just(problem(HttpStatus.SERVICE_UNAVAILABLE,
                        "The token cannot be checked right now: the signing keys could not be fetched. Try again.")));
    }

    @GetMapping(PATH)
    ConsoleSessionUser whoAmI(@AuthenticationPrincipal Jwt jwt) {
        return ConsoleSessionUser.of(jwt);
    }

    @DeleteMapping(PATH)
    ResponseEntity<Void> signOut(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(SessionCookie.clear(exchange.getRequest()));
        return ResponseEntity.noContent().build();
    }

    private static String reason(BadJwtException error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (message.contains("expired")) {
            return "This token has expired: mint a new one.";
        }
        return "This token is not one this deployment accepts (wrong key, issuer or format).";
    }

    private static ResponseEntity<Object> refused(String message) {
        ResponseEntity<Object> answer = problem(HttpStatus.UNAUTHORIZED, message);
        ((ProblemDetail) answer.getBody()).setProperty("errors",
                List.of(new LinkedHashMap<>(Map.of("field", "token", "message", message))));
        return answer;
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(status.getReasonPhrase());
        problem.setType(URI.create("https://switchboard.dev/problems/"
                + (status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "unavailable")));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(problem);
    }
}
