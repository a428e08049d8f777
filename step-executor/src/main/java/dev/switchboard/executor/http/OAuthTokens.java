package dev.switchboard.executor.http;

import dev.switchboard.executor.call.CallAuthException;
import dev.switchboard.executor.egress.EgressPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 client-credentials tokens (RFC 6749 §4.4), fetched from the connector's
 * {@code tokenUrl} with the client id and secret sent as HTTP Basic (§2.3.1), cached until shortly
 * before they expire and dropped when an API answers 401. The cache key holds a hash of the client
 * secret, so users with private client secrets never share a token, and one fetch serves all
 * steps that need the same token at once.
 */
@Component
class OAuthTokens {

    /** Refresh this long before expiry, but never more than a tenth of a short token's life. */
    private static final Duration MAX_EARLY_REFRESH = Duration.ofSeconds(30);
    private static final Duration NO_EXPIRY_GIVEN = Duration.ofHours(1);
    private static final int EXCERPT_CHARS = 200;

    private final WebClient http;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Key, Token> tokens = new ConcurrentHashMap<>();
    private final Map<Key, ReentrantLock> fetching = new ConcurrentHashMap<>();

    OAuthTokens(WebClient.Builder builder, Clock clock, EgressPolicy egress) {
        // token URLs are outgoing requests like any other: the egress guard applies (ADR 010)
        this.http = builder.clientConnector(egress.connector()).build();
        this.clock = clock;
    }

    /** The grant's current token, fetching one if there is none or it is about to expire. */
    String token(Grant grant, Duration timeout) {
        Key key = grant.key();
        Token cached = tokens.get(key);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.value();
        }
        ReentrantLock lock = fetching.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            cached = tokens.get(key);
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return cached.value();
            }
            Token fresh = fetch(grant, timeout);
            tokens.put(key, fresh);
            return fresh.value();
        } finally {
            lock.unlock();
        }
    }

    /** The API refused the token (401): the next {@link #token} fetches a new one. */
    void invalidate(Grant grant, String refused) {
        tokens.computeIfPresent(grant.key(), (k, token) -> token.value().equals(refused) ? null : token);
    }

    private Token fetch(Grant grant, Duration timeout) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        if (!grant.scopes().isEmpty()) {
            form.add("scope", String.join(" ", grant.scopes()));
        }
        String basic = Base64.getEncoder().encodeToString((formEncode(grant.clientId()) + ":"
                + formEncode(grant.clientSecret())).getBytes(StandardCharsets.UTF_8));
        ResponseEntity<byte[]> response;
        try {
            response = http.post().uri(grant.tokenUrl()).header("Authorization", "Basic " + basic)
                    .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(form))
                    .exchangeToMono(r -> r.toEntity(byte[].class)).timeout(timeout).block();
        } catch (WebClientRequestException e) {
            var refused = dev.switchboard.executor.egress.EgressException.findIn(e);
            if (refused.isPresent()) {
                throw new CallAuthException(refused.get().code(), "the token endpoint: " + refused.get().getMessage(),
                        null);
            }
            throw new CallAuthException("AUTH_FAILED", "could not reach the token endpoint "
                    + grant.tokenUrl().replaceAll("\\?.*", "") + ": " + e.getMostSpecificCause().getMessage(), null);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                throw new CallAuthException("AUTH_FAILED", "the token endpoint did not answer within "
                        + timeout.toMillis() + " ms", null);
            }
            throw e;
        }
        byte[] bytes = response.getBody() == null ? new byte[0] : response.getBody();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int status = response.getStatusCode().value();
        if (status < 200 || status >= 300) {
            throw new CallAuthException("AUTH_FAILED", "the token endpoint answered HTTP " + status + ": "
                    + excerpt(text), status);
        }
        JsonNode body;
        try {
            body = json.readTree(text);
        } catch (JacksonException e) {
            throw new CallAuthException("AUTH_FAILED", "the token endpoint's answer is not JSON", status);
        }
        String accessToken = body.path("access_token").asString("");
        if (accessToken.isBlank()) {
            throw new CallAuthException("AUTH_FAILED", "the token endpoint's answer has no access_token", status);
        }
        Instant now = clock.instant();
        Duration life = body.path("expires_in").isNumber() && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong()) : NO_EXPIRY_GIVEN;
        Duration early = life.dividedBy(10).compareTo(MAX_EARLY_REFRESH) < 0 ? life.dividedBy(10) : MAX_EARLY_REFRESH;
        return new Token(accessToken, now.plus(life).minus(early));
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
    }

    /** RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding. */
    private static String formEncode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What a connector asks for; the secret stays out of equals/hashCode, which use its hash. */
    record Grant(String tokenUrl, String clientId, String clientSecret, List<String> scopes) {

        Key key() {
            return new Key(tokenUrl, clientId, sha256(clientSecret), String.join(" ", scopes));
        }

        @Override
        public String toString() {
            return "Grant[" + tokenUrl + ", " + clientId + "]";
        }
    }

    private record Key(String tokenUrl, String clientId, String secretHash, String scopes) {
    }

    private record Token(String value, Instant refreshAt) {
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
