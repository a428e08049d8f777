package dev.switchboard.orchestrator.web;

import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.RunExistsException;
import dev.switchboard.orchestrator.run.RunNotFoundException;
import dev.switchboard.orchestrator.run.RunStateConflictException;
import org.springframework.security.access.AccessDeniedException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        logger.error("Unhandled error", ex);
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
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
