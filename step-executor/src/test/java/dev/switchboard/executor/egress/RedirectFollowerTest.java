package dev.switchboard.executor.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.executor.egress.RedirectFollower.Hop;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/**
 * Redirect handling against scripted responses: which hops are requested, with which method and
 * body, and which are refused before they are requested.
 */
class RedirectFollowerTest {

    private final FakeDns dns = new FakeDns()
            .answer("api.example.com", "93.184.215.14")
            .answer("cdn.example.net", "93.184.215.15")
            .answer("intranet.example.com", "10.1.2.3");
    private final RedirectFollower follower = new RedirectFollower(
            new EgressPolicy(new EgressProperties(false, false, List.of()), dns));
    private final List<Hop> requested = new CopyOnWriteArrayList<>();

    /** Answers each URL from the script; a URL not in it answers 200 "final". */
    private Function<Hop, Mono<ResponseEntity<String>>> script(Map<String, ResponseEntity<String>> answers) {
        return hop -> {
            requested.add(hop);
            return Mono.just(answers.getOrDefault(hop.uri().toString(), ResponseEntity.ok("final")));
        };
    }

    private static ResponseEntity<String> redirect(int status, String location) {
        return ResponseEntity.status(status).header(HttpHeaders.LOCATION, location).body("moved");
    }

    private ResponseEntity<String> follow(HttpMethod method, String url, Map<String, ResponseEntity<String>> answers) {
        return follower.follow(method, URI.create(url), script(answers)).block(Duration.ofSeconds(5));
    }

    @Test
    void followsRelativeLocationsAgainstTheUrlThatAnswered() {
        ResponseEntity<String> response = follow(HttpMethod.GET, "https://api.example.com/v1/a?x=1", Map.of(
                "https://api.example.com/v1/a?x=1", redirect(302, "b?y=2#frag"),
                "https://api.example.com/v1/b?y=2", redirect(301, "/v2/c"),
                "https://api.example.com/v2/c", redirect(308, "//cdn.example.net/d"),
                "https://cdn.example.net/d", redirect(307, "https://api.example.com")));

        assertThat(response.getBody()).isEqualTo("final");
        assertThat(requested).extracting(hop -> hop.uri().toString()).containsExactly(
                "https://api.example.com/v1/a?x=1", "https://api.example.com/v1/b?y=2", "https://api.example.com/v2/c",
                "https://cdn.example.net/d", "https://api.example.com");
        assertThat(requested).extracting(Hop::sameOrigin).containsExactly(true, true, true, false, true);
    }

    @Test
    void aRelativeLocationOnAUrlWithoutAPathGetsItsSlash() {
        follow(HttpMethod.GET, "http://api.example.com", Map.of("http://api.example.com", redirect(302, "next")));

        assertThat(requested.getLast().uri()).isEqualTo(URI.create("http://api.example.com/next"));
    }

    @Test
    void see303TurnsAnyMethodIntoAGetWithoutBody() {
        follow(HttpMethod.PUT, "https://api.example.com/jobs", Map.of(
                "https://api.example.com/jobs", redirect(303, "/jobs/7")));

        assertThat(requested).extracting(Hop::method).containsExactly(HttpMethod.PUT, HttpMethod.GET);
        assertThat(requested).extracting(Hop::sendBody).containsExactly(true, false);
    }

    @Test
    void movedAndFoundTurnAPostIntoAGetButKeepOtherMethods() {
        follow(HttpMethod.POST, "https://api.example.com/a", Map.of(
                "https://api.example.com/a", redirect(301, "/b")));
        follow(HttpMethod.DELETE, "https://api.example.com/c", Map.of(
                "https://api.example.com/c", redirect(302, "/d")));

        assertThat(requested).extracting(Hop::method).containsExactly(HttpMethod.POST, HttpMethod.GET,
                HttpMethod.DELETE, HttpMethod.DELETE);
        assertThat(requested).extracting(Hop::sendBody).containsExactly(true, false, true, true);
    }

    @Test
    void temporaryAndPermanentRedirectsKeepTheMethodAndBody() {
        follow(HttpMethod.POST, "https://api.example.com/a", Map.of(
                "https://api.example.com/a", redirect(307, "/b"), "https://api.example.com/b", redirect(308, "/c")));

        assertThat(requested).extracting(Hop::method).containsOnly(HttpMethod.POST);
        assertThat(requested).extracting(Hop::sendBody).containsOnly(true);
    }

    @Test
    void followsFiveRedirectsAndRefusesTheSixthWithoutRequestingIt() {
        Map<String, ResponseEntity<String>> chain = new java.util.HashMap<>();
        for (int i = 0; i < 7; i++) {
            chain.put("https://api.example.com/" + i, redirect(302, "/" + (i + 1)));
        }
        chain.put("https://api.example.com/5", ResponseEntity.ok("after five"));

        assertThat(follow(HttpMethod.GET, "https://api.example.com/0", chain).getBody()).isEqualTo("after five");

        requested.clear();
        chain.put("https://api.example.com/5", redirect(302, "/6"));
        EgressException tooMany = catchThrowableOfType(EgressException.class,
                () -> follow(HttpMethod.GET, "https://api.example.com/0", chain));

        assertThat(tooMany.code()).isEqualTo("TOO_MANY_REDIRECTS");
        assertThat(requested).hasSize(6).extracting(hop -> hop.uri().getPath()).doesNotContain("/6");
    }

    @Test
    void aRedirectToAnInternalAddressIsRefusedBeforeItIsRequested() {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> follow(HttpMethod.GET, "https://api.example.com/start", Map.of(
                        "https://api.example.com/start", redirect(302, "http://127.0.0.1:8084/actuator/env?token=s3cr3t"))));

        assertThat(refused.code()).isEqualTo("EGRESS_DENIED");
        assertThat(refused.getMessage()).contains("127.0.0.1").doesNotContain("s3cr3t").doesNotContain("actuator");
        assertThat(requested).hasSize(1);
    }

    @Test
    void aRedirectToANameForAnInternalAddressIsRefusedBeforeItIsRequested() {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> follow(HttpMethod.GET, "https://api.example.com/start", Map.of(
                        "https://api.example.com/start", redirect(301, "https://intranet.example.com/admin"))));

        assertThat(refused.getMessage()).contains("intranet.example.com").contains("private");
        assertThat(requested).hasSize(1);
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> follow(HttpMethod.GET, "https://api.example.com/start", Map.of(
                        "https://api.example.com/start", redirect(302, "file:///etc/passwd"))));

        assertThat(refused.getMessage()).contains("file:");
        assertThat(requested).hasSize(1);
    }

    @Test
    void theFirstRequestIsCheckedToo() {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> follow(HttpMethod.GET, "http://169.254.169.254/latest/meta-data/", Map.of()));

        assertThat(refused).isNotNull();
        assertThat(requested).isEmpty();
    }

    @Test
    void aRedirectStatusWithoutLocationAndNotModifiedAreTheAnswer() {
        ResponseEntity<String> noLocation = follow(HttpMethod.GET, "https://api.example.com/a",
                Map.of("https://api.example.com/a", ResponseEntity.status(302).body("nowhere")));
        ResponseEntity<String> notModified = follow(HttpMethod.GET, "https://api.example.com/b",
                Map.of("https://api.example.com/b", redirect(304, "/c")));

        assertThat(noLocation.getStatusCode().value()).isEqualTo(302);
        assertThat(notModified.getStatusCode().value()).isEqualTo(304);
        assertThat(requested).hasSize(2);
    }

    @Test
    void aLocationThatIsNotAUrlIsAnInvalidRedirect() {
        EgressException invalid = catchThrowableOfType(EgressException.class,
                () -> follow(HttpMethod.GET, "https://api.example.com/a",
                        Map.of("https://api.example.com/a", redirect(302, "http://exa mple.com/<>"))));

        assertThat(invalid.code()).isEqualTo("INVALID_REDIRECT");
        assertThat(invalid.getMessage()).contains("api.example.com");
    }
}
