package dev.switchboard.registry.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import tools.jackson.databind.json.JsonMapper;

/** Writes 401/403 from the security filters, which run before the MVC advice can. */
final class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://switchboard.dev/problems/" + (status == HttpStatus.UNAUTHORIZED
                ? "unauthenticated" : "forbidden")));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Says what was wrong with the credentials without echoing the token. */
    static String describe(AuthenticationException ex) {
        if (ex instanceof InvalidBearerTokenException) {
            String message = ex.getMessage() == null ? "" : ex.getMessage();
            if (message.contains("expired")) {
                return "The bearer token has expired.";
            }
            return "The bearer token is not valid: " + message.replaceAll("(?i)bearer\\s+\\S+", "Bearer ****");
        }
        return "A bearer token is required: send 'Authorization: Bearer <JWT>'.";
    }
}
