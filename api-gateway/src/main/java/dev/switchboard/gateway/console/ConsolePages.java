package dev.switchboard.gateway.console;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import dev.switchboard.gateway.security.SessionCookie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The console's pages and files. Every page path answers the one {@code index.html} (the page
 * scripts route by path), after a server-side check: no valid session → the login page, and the
 * admin pages → 403 for anyone without the admin role, whatever the links show (docs/adr/022).
 */
@Configuration
class ConsolePages {

    /** Scripts and styles come only from this origin; nothing inline, no framing. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ReactiveJwtDecoder decoder;
    private final Resource assets;

    ConsolePages(ReactiveJwtDecoder decoder, ConsoleProperties properties) {
        this.decoder = decoder;
        this.assets = properties.assetsDir() == null ? new ClassPathResource("console/")
                : new FileSystemResource(properties.assetsDir().toAbsolutePath() + "/");
    }

    @Bean
    RouterFunction<ServerResponse> consoleRoutes() {
        return RouterFunctions.route(GET("/login"), this::page)
                .andRoute(GET("/").or(GET("/connectors")).or(GET("/connectors/{namespace}/{name}"))
                        .or(GET("/tools")).or(GET("/tools/{id}")).or(GET("/runs")).or(GET("/runs/{id}"))
                        .or(GET("/secrets")), request -> signedIn(request, false))
                .andRoute(GET("/ops").or(GET("/ops/**")), request -> signedIn(request, true))
                .and(RouterFunctions.resources("/console/**", assets, (resource, headers) ->
                        // no fingerprints in the file names: revalidate each time (304 when unchanged)
                        headers.setCacheControl(CacheControl.noCache())));
    }

    private Mono<ServerResponse> signedIn(ServerRequest request, boolean adminOnly) {
        String next = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? ""
                : "?" + request.uri().getRawQuery());
        URI login = URI.create("/login?next=" + UriUtils.encodeQueryParam(next, StandardCharsets.UTF_8));
        // only a token that is bad or expired ends the session: when the keys cannot be fetched (a JWKS
        // outage), the person keeps the cookie and is asked to try again
        return Mono.justOrEmpty(SessionCookie.read(request.exchange().getRequest()))
                .flatMap(token -> decoder.decode(token).map(ConsoleSessionUser::of)
                        .onErrorResume(BadJwtException.class, bad -> Mono.empty()))
                .flatMap(user -> adminOnly && !user.admin() ? forbidden()
                        : page(request))
                .switchIfEmpty(Mono.defer(() -> ServerResponse.seeOther(login)
                        .cookie(SessionCookie.clear(request.exchange().getRequest())).build()))
                .onErrorResume(JwtException.class, unchecked -> notice(HttpStatus.SERVICE_UNAVAILABLE,
                        "Cannot check your session right now",
                        "The keys that sign tokens could not be fetched. Try again in a moment."));
    }

    private Mono<ServerResponse> page(ServerRequest request) {
        // subscribing to the CSRF token is what writes its cookie: the page's first change needs it
        Mono<CsrfToken> csrf = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return csrf.then(Mono.defer(() -> html(HttpStatus.OK, read("index.html"))));
    }

    private static Mono<ServerResponse> forbidden() {
        return notice(HttpStatus.FORBIDDEN, "Not allowed",
                "This page is for administrators. Your roles do not include admin.");
    }

    /** A page of its own, for what the console's scripts cannot show: no data goes into it. */
    private static Mono<ServerResponse> notice(HttpStatus status, String title, String message) {
        String body = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s · Switchboard</title><link rel="stylesheet" href="/console/css/console.css"></head>
                <body><main id="main" class="forbidden"><h1>%1$s</h1>
                <p>%2$s</p>
                <p><a href="/runs">Back to runs</a></p></main></body></html>
                """.formatted(title, message);
        return html(status, body);
    }

    private static Mono<ServerResponse> html(HttpStatus status, String body) {
        return ServerResponse.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
                .bodyValue(body);
    }

    private String read(String name) {
        try {
            return assets.createRelative(name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the console's " + name + " is missing from " + assets, e);
        }
    }
}
