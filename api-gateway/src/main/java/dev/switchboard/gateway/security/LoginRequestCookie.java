package dev.switchboard.gateway.security;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps an OpenID Connect sign-in's request (state, nonce, PKCE verifier, where to go after) in a
 * short-lived HttpOnly cookie instead of a server session, so the gateway stays stateless and the
 * provider's redirect may land on any replica (docs/adr/023). The cookie is read back as plain JSON
 * fields, never deserialized into objects, and holds nothing the browser does not already carry
 * through the round trip: no token, no client secret.
 */
final class LoginRequestCookie implements ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String NAME = "switchboard_login";
    /** Read by the success handler: the same-origin path the person was going to. */
    static final String NEXT_ATTRIBUTE = LoginRequestCookie.class.getName() + ".next";
    /** Long enough to type a password and answer a second factor, short enough to be no session. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String PATH = "/login/oauth2/";
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JsonMapper json;

    LoginRequestCookie(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> saveAuthorizationRequest(OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
        if (request == null) {
            exchange.getResponse().addCookie(cookie(exchange, "", Duration.ZERO));
            return Mono.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("authorizationUri", request.getAuthorizationUri());
        fields.put("clientId", request.getClientId());
        fields.put("redirectUri", request.getRedirectUri());
        fields.put("scopes", List.copyOf(request.getScopes()));
        fields.put("state", request.getState());
        fields.put("additionalParameters", request.getAdditionalParameters());
        fields.put("attributes", request.getAttributes());
        fields.put("authorizationRequestUri", request.getAuthorizationRequestUri());
        fields.put("next", NextPath.of(exchange.getRequest().getQueryParams().getFirst("next")));
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(fields));
        exchange.getResponse().addCookie(cookie(exchange, value, LIFETIME));
        return Mono.empty();
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> loadAuthorizationRequest(ServerWebExchange exchange) {
        return Mono.justOrEmpty(read(exchange)).map(Stored::request);
    }

    /** The callback's one use of it: the cookie goes, whatever comes of the sign-in. */
    @Override
    public Mono<OAuth2AuthorizationRequest> removeAuthorizationRequest(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(cookie(exchange, "", Duration.ZERO));
        return Mono.justOrEmpty(read(exchange)).map(stored -> {
            exchange.getAttributes().put(NEXT_ATTRIBUTE, stored.next());
            return stored.request();
        });
    }

    /** The stored request, if there is one whose state is the one the provider sent back. */
    private Optional<Stored> read(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(NAME);
        String state = exchange.getRequest().getQueryParams().getFirst("state");
        if (cookie == null || cookie.getValue().isBlank() || state == null) {
            return Optional.empty();
        }
        try {
            Map<String, Object> fields = json.readValue(Base64.getUrlDecoder().decode(cookie.getValue()), FIELDS);
            if (!state.equals(fields.get("state"))) {
                return Optional.empty();
            }
            OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                    .authorizationUri(text(fields, "authorizationUri"))
                    .clientId(text(fields, "clientId"))
                    .redirectUri(text(fields, "redirectUri"))
                    .scopes(new LinkedHashSet<>(strings(fields.get("scopes"))))
                    .state(state)
                    .additionalParameters(map(fields.get("additionalParameters")))
                    .attributes(map(fields.get("attributes")))
                    .authorizationRequestUri(text(fields, "authorizationRequestUri"))
                    .build();
            return Optional.of(new Stored(request, NextPath.of(text(fields, "next"))));
        } catch (IllegalArgumentException | JacksonException | ClassCastException e) {
            // a cookie this gateway did not write (or one cut short): as if there were none
            return Optional.empty();
        }
    }

    private ResponseCookie cookie(ServerWebExchange exchange, String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value).httpOnly(true).sameSite("Lax").path(PATH)
                .secure(SessionCookie.overTls(exchange.getRequest())).maxAge(maxAge).build();
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value instanceof String text ? text : null;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String.class::cast).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private record Stored(OAuth2AuthorizationRequest request, String next) {
    }
}
