package dev.switchboard.orchestrator.web;

import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.RunExistsException;
import dev.switchboard.orchestrator.run.RunNotFoundException;
import dev.switchboard.orchestrator.run.RunStateConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The service's one mapping of exceptions to RFC 9457 problem+json. Validation failures list
 * each field at fault under {@code errors}; anything unexpected is a bare 500 with no internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final String PROBLEMS = "https://switchboard.dev/problems/";

    private static final URI VALIDATION = URI.create("https://switchboard.dev/problems/validation");

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    /** Never echoes the body: a malformed one may hold credentials given for the run. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(Map.of(
                "field", "body", "message", "must be well-formed JSON"))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName().toLowerCase();
        return ResponseEntity.badRequest().body(validationProblem(List.of(Map.of(
                "field", ex.getName(), "message", "must be a valid " + type))));
    }

    @ExceptionHandler(InvalidRunRequestException.class)
    ResponseEntity<ProblemDetail> invalidRun(InvalidRunRequestException ex) {
        return ResponseEntity.badRequest().body(validationProblem(ex.errors().stream()
                .map(e -> Map.of("field", e.field(), "message", e.message())).toList()));
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RunNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler(RunExistsException.class)
    ResponseEntity<ProblemDetail> exists(RunExistsException ex) {
        return problem(HttpStatus.CONFLICT, "Run exists", ex.getMessage());
    }

    @ExceptionHandler(RunStateConflictException.class)
    ResponseEntity<ProblemDetail> wrongState(RunStateConflictException ex) {
        return problem(HttpStatus.CONFLICT, "Run not in that state", ex.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage());
    }

    /** Tomcat refuses a query that is not percent-encoded UTF-8 only when a parameter is read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException ex) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(Map.of("field", "query", "message", "is not valid percent-encoded UTF-8"))));
    }

    /** Spring Security's firewall, when a parameter is read: e.g. a form body whose "name" is JSON text. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(Map.of("field", "request", "message", "has characters or parameter names that are not allowed; send JSON as application/json"))));
    }

    /** Spring reads a wildcard Content-Type (e.g. {@code application/*}) as an IllegalArgumentException. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException ex, HttpServletRequest request) {
        if (!isWildcard(request.getContentType())) {
            return unexpected(ex);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must name one media type, not a wildcard; send application/json.");
        problem.setType(URI.create(PROBLEMS + "unsupported-media-type"));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem);
    }

    /** Spring's own problems (405, 406, 415, unknown paths ...) come untyped (about:blank). */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setType(URI.create(PROBLEMS + (known == null ? "error"
                    : known.name().toLowerCase(Locale.ROOT).replace('_', '-'))));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static boolean isWildcard(String contentType) {
        try {
            return contentType != null && (MediaType.parseMediaType(contentType).isWildcardType()
                    || MediaType.parseMediaType(contentType).isWildcardSubtype());
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        logger.error("Unhandled error", ex);
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + status.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static ProblemDetail validationProblem(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has " + errors.size() + " invalid field(s).");
        problem.setType(VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
