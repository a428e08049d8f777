package dev.switchboard.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12's production sign-in: the console signs people in with OpenID Connect authorization code
 * against a real provider (Spring Authorization Server in a child JVM, with its own login form),
 * and the provider's token becomes the same HttpOnly session a pasted token makes. The gateway
 * checks that token with the provider's keys (JWKS by issuer), as it checks every bearer token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleOidcSignInIT {

    private static final int PORT = TestIdentityProviderProcess.freePort();
    private static final String GATEWAY = "http://127.0.0.1:" + PORT;
    private static final TestIdentityProviderProcess IDP = TestIdentityProviderProcess.start("switchboard-console",
            "console-secret-7f3a", GATEWAY + "/login/oauth2/code/sso",
            "alice:wonderland:user,root:toor:admin");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        int nothing = TestIdentityProviderProcess.freePort();
        registry.add("server.port", () -> PORT);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> IDP.issuer);
        registry.add("spring.security.oauth2.client.provider.sso.issuer-uri", () -> IDP.issuer);
        registry.add("spring.security.oauth2.client.registration.sso.client-id", () -> "switchboard-console");
        registry.add("spring.security.oauth2.client.registration.sso.client-secret", () -> "console-secret-7f3a");
        registry.add("spring.security.oauth2.client.registration.sso.client-name", () -> "Test IdP");
        registry.add("spring.security.oauth2.client.registration.sso.scope", () -> "openid,profile");
        for (String service : List.of("registry", "secrets", "orchestrator", "executor")) {
            registry.add("switchboard.services." + service + "-url", () -> "http://127.0.0.1:" + nothing);
        }
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + nothing);
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + nothing);
        // no broker here: the health check's client would warn about it every second
        registry.add("logging.level.org.apache.kafka", () -> "ERROR");
    }

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theLoginPageOffersTheProviderBesideATokenPaste() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> answer = browser.getJson(GATEWAY + "/console/login-options");
        JsonNode options = json.readTree(answer.body());

        assertThat(options.path("token").asBoolean()).as(answer.statusCode() + " " + answer.body()).isTrue();
        assertThat(options.path("providers")).hasSize(1);
        assertThat(options.path("providers").get(0).path("name").asString()).isEqualTo("Test IdP");
        assertThat(options.path("providers").get(0).path("url").asString()).isEqualTo("/oauth2/authorization/sso");
        // the console's own login page, not one Spring Security would generate for the provider
        HttpResponse<String> login = browser.get(GATEWAY + "/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("/console/js/app.js");
    }

    @Test
    void signingInAtTheProviderGivesTheConsoleSessionWithThePersonsRoles() throws Exception {
        Browser alice = new Browser();
        HttpResponse<String> back = alice.signIn("/runs/run-42", "alice", "wonderland");

        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/runs/run-42");
        String session = setCookie(back, "switchboard_session");
        assertThat(session).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/;")
                .contains("Max-Age=");
        assertThat(setCookie(back, "switchboard_login")).as("the sign-in's request cookie goes").contains("Max-Age=0");
        JsonNode me = json.readTree(alice.getJson(GATEWAY + "/console/session").body());
        assertThat(me.path("sub").asString()).isEqualTo("alice");
        assertThat(me.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(me.path("admin").asBoolean()).isFalse();
        // the server's own page check reads the roles the provider issued
        assertThat(alice.get(GATEWAY + "/ops").statusCode()).isEqualTo(403);

        Browser root = new Browser();
        assertThat(root.signIn("/ops", "root", "toor").headers().firstValue("Location")).hasValue("/ops");
        assertThat(json.readTree(root.getJson(GATEWAY + "/console/session").body()).path("admin").asBoolean()).isTrue();
        assertThat(root.get(GATEWAY + "/ops").statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedOrForgedCallbackAndAForeignNextSignNobodyIn() throws Exception {
        Browser alice = new Browser();
        String callback = alice.toCallback("//evil.example/phish", "alice", "wonderland");

        HttpResponse<String> forged = alice.get(callback.replaceFirst("state=[^&]+", "state=forged"));
        assertThat(forged.headers().firstValue("Location")).hasValue("/login?sso_error=expired");
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("switchboard_session="));

        Browser bob = new Browser();
        String started = bob.toCallback("//evil.example/phish", "alice", "wonderland");
        HttpResponse<String> used = bob.get(started);
        assertThat(used.headers().firstValue("Location")).as("an off-site next becomes the runs page").hasValue("/runs");
        HttpResponse<String> replayed = bob.get(started);
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(replayed.headers().firstValue("Location")).hasValue("/login?sso_error=expired");
        assertThat(replayed.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("switchboard_session="));

        Browser carol = new Browser();
        HttpResponse<String> start = carol.get(GATEWAY + "/oauth2/authorization/sso");
        String state = query(start.headers().firstValue("Location").orElseThrow(), "state");
        HttpResponse<String> denied = carol.get(GATEWAY + "/login/oauth2/code/sso?error=access_denied&state=" + state);
        assertThat(denied.headers().firstValue("Location")).hasValue("/login?sso_error=denied");
    }

    @Test
    void aWrongPasswordStaysAtTheProvider() throws Exception {
        Browser mallory = new Browser();
        HttpResponse<String> start = mallory.get(GATEWAY + "/oauth2/authorization/sso");
        HttpResponse<String> form = mallory.follow(mallory.get(start.headers().firstValue("Location").orElseThrow()));
        HttpResponse<String> refused = mallory.postLogin(form, "alice", "not-her-password");

        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith(IDP.issuer + "/login?error"));
        assertThat(mallory.cookies.getCookieStore().getCookies()).noneMatch(c -> c.getName().equals("switchboard_session"));
    }

    private static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie set"));
    }

    private static String query(String url, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        assertThat(matcher.find()).as(name + " in " + url).isTrue();
        return matcher.group(1);
    }

    /** A browser as far as sign-in goes: a cookie jar, redirects followed by hand so each is seen. */
    private static final class Browser {

        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return get(url, "text/html");
        }

        HttpResponse<String> getJson(String url) throws IOException, InterruptedException {
            return get(url, "application/json");
        }

        private HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Follows redirects while they stay at the provider. */
        HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
            HttpResponse<String> current = response;
            while (current.statusCode() / 100 == 3) {
                String location = current.headers().firstValue("Location").orElseThrow();
                URI next = current.uri().resolve(location);
                if (!next.toString().startsWith(IDP.issuer)) {
                    return current;
                }
                current = get(next.toString());
            }
            return current;
        }

        HttpResponse<String> postLogin(HttpResponse<String> form, String user, String password)
                throws IOException, InterruptedException {
            Matcher csrf = CSRF.matcher(form.body());
            assertThat(csrf.find()).as("the provider's login form: " + form.body()).isTrue();
            String body = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf="
                    + encode(csrf.group(1));
            return client.send(HttpRequest.newBuilder(URI.create(IDP.issuer + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Starts at the gateway, signs in at the provider, and stops at the callback to the gateway. */
        String toCallback(String next, String user, String password) throws IOException, InterruptedException {
            HttpResponse<String> start = get(GATEWAY + "/oauth2/authorization/sso?next=" + encode(next));
            assertThat(start.statusCode()).isEqualTo(302);
            assertThat(start.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).startsWith(IDP.issuer + "/oauth2/authorize?"));
            assertThat(setCookie(start, "switchboard_login")).containsIgnoringCase("HttpOnly").contains("SameSite=Lax")
                    .contains("Path=/login/oauth2/");
            HttpResponse<String> form = follow(get(start.headers().firstValue("Location").orElseThrow()));
            HttpResponse<String> callback = follow(postLogin(form, user, password));
            String location = callback.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(GATEWAY + "/login/oauth2/code/sso?code=");
            return location;
        }

        HttpResponse<String> signIn(String next, String user, String password) throws Exception {
            return get(toCallback(next, user, password));
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}
