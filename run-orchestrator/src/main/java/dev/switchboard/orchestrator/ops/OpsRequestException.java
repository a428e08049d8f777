package dev.switchboard.orchestrator.ops;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A client error of the ops endpoints, as problem+json naming the field at fault. Being an
 * {@link ErrorResponseException}, it is rendered by the service's one exception advice.
 */
class OpsRequestException extends ErrorResponseException {

    private OpsRequestException(HttpStatus status, String title, String field, String message) {
        super(status, problem(status, title, field, message), null);
    }

    /** An unknown topic, or no record where the request points. */
    static OpsRequestException notFound(String field, String message) {
        return new OpsRequestException(HttpStatus.NOT_FOUND, "Not found", field, message);
    }

    static OpsRequestException invalid(String field, String message) {
        return new OpsRequestException(HttpStatus.BAD_REQUEST, "Invalid request", field, message);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }
}
