package dev.switchboard.executor.egress;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Follows redirects by hand so that every hop is checked by the {@link EgressPolicy} before it is
 * requested: a public URL cannot bounce a step to an internal one. At most {@value #MAX_REDIRECTS}
 * redirects; a relative Location is resolved against the URL that answered it.
 *
 * <p>Methods follow the Fetch standard, which is what the APIs steps call are written against:
 * 303 turns anything but GET and HEAD into a GET without a body; 301 and 302 turn a POST into a
 * GET without a body (as browsers do, and as such servers expect); 307 and 308 keep the method and
 * the body. A hop to another origin than the first request's is marked, so credentials meant for
 * the first origin are not sent to wherever it redirects.
 */
@Component
public final class RedirectFollower {

    public static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final EgressPolicy policy;

    public RedirectFollower(EgressPolicy policy) {
        this.policy = policy;
    }

    /**
     * One request to make.
     *
     * @param sendBody whether the request's body (and its Content-Type) goes along
     * @param sameOrigin whether {@code uri} has the first request's scheme, host and port; when
     *     false, leave out Authorization, Cookie and any API key header
     */
    public record Hop(HttpMethod method, URI uri, boolean sendBody, boolean sameOrigin) {
    }

    /**
     * Makes the request with {@code exchange}, then each redirect it answers, and emits the first
     * response that is not a redirect. Errors with an {@link EgressException}: a hop refused by the
     * policy ({@code EGRESS_DENIED}, {@code HOST_NOT_FOUND}), {@code TOO_MANY_REDIRECTS} or
     * {@code INVALID_REDIRECT}. Bound the whole chain with {@code timeout} on the result.
     */
    public <T> Mono<ResponseEntity<T>> follow(HttpMethod method, URI uri,
            Function<Hop, Mono<ResponseEntity<T>>> exchange) {
        return request(new Hop(method, uri, true, true), uri, 0, exchange);
    }

    private <T> Mono<ResponseEntity<T>> request(Hop hop, URI first, int redirects,
            Function<Hop, Mono<ResponseEntity<T>>> exchange) {
        // the check resolves the host, which blocks: never on the event loop a redirect arrives on
        return Mono.fromRunnable(() -> policy.check(hop.uri())).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.defer(() -> exchange.apply(hop)))
                .flatMap(response -> {
                    if (!REDIRECTS.contains(response.getStatusCode().value())
                            || response.getHeaders().getFirst(HttpHeaders.LOCATION) == null) {
                        return Mono.just(response);
                    }
                    if (redirects == MAX_REDIRECTS) {
                        return Mono.error(new EgressException(EgressException.TOO_MANY_REDIRECTS,
                                "more than " + MAX_REDIRECTS + " redirects, the last from '" + hop.uri().getHost() + "'"));
                    }
                    Hop next = next(hop, response.getStatusCode().value(),
                            response.getHeaders().getFirst(HttpHeaders.LOCATION), first);
                    return request(next, first, redirects + 1, exchange);
                });
    }

    private static Hop next(Hop hop, int status, String location, URI first) {
        URI target;
        try {
            // URI.resolve glues "b" onto "http://host" as "http://hostb": give the base its "/"
            URI base = hop.uri().getRawPath() == null || hop.uri().getRawPath().isEmpty()
                    ? hop.uri().resolve("/") : hop.uri();
            String resolved = base.resolve(new URI(location.strip())).toString();
            // the fragment is never sent, so it stays out of the next request's URI too
            target = new URI(resolved.contains("#") ? resolved.substring(0, resolved.indexOf('#')) : resolved);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new EgressException(EgressException.INVALID_REDIRECT, "'" + hop.uri().getHost()
                    + "' redirected to a Location that is not a valid URL");
        }
        boolean toGet = (status == 303 && hop.method() != HttpMethod.GET && hop.method() != HttpMethod.HEAD)
                || ((status == 301 || status == 302) && hop.method() == HttpMethod.POST);
        return new Hop(toGet ? HttpMethod.GET : hop.method(), target, !toGet && hop.sendBody(),
                sameOrigin(first, target));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()),
                lower(b.getHost())) && port(a) == port(b);
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
