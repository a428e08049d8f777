package dev.switchboard.gateway.console;

import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /console/events}: server-sent run and step nudges for the signed-in person's runs (all
 * runs for an admin). A comment every 15 s keeps proxies from closing a quiet stream; the stream
 * ends when the session's token expires, so an expired session cannot keep listening, and when the
 * gateway shuts down. A page that
 * falls behind loses nudges rather than holding the others back (it re-fetches anyway).
 */
@RestController
class ConsoleEventsController {

    private static final Duration KEEPALIVE = Duration.ofSeconds(15);

    private final RunEventFeed feed;

    ConsoleEventsController(RunEventFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<RunEvent>> events(@AuthenticationPrincipal Jwt jwt) {
        ConsoleSessionUser user = ConsoleSessionUser.of(jwt);
        Duration left = jwt.getExpiresAt() == null ? Duration.ofHours(12)
                : Duration.between(Instant.now(), jwt.getExpiresAt());
        Flux<ServerSentEvent<RunEvent>> nudges = feed.events()
                .filter(event -> event.visibleTo(user))
                .onBackpressureDrop()
                .map(event -> ServerSentEvent.builder(event).event(event.type()).build());
        Flux<ServerSentEvent<RunEvent>> keepalive = Flux.interval(KEEPALIVE)
                .map(tick -> ServerSentEvent.<RunEvent>builder().comment("keepalive").build());
        // the first comment tells the browser the stream is open before any run changes
        return Flux.concat(Flux.just(ServerSentEvent.<RunEvent>builder().comment("open").build()),
                        Flux.merge(nudges, keepalive))
                .take(left.isNegative() ? Duration.ZERO : left)
                .takeUntilOther(feed.closing());
    }
}
