package dev.switchboard.secrets.web;

import dev.switchboard.secrets.crypto.SecretDecryptionException;
import dev.switchboard.secrets.secret.SecretException;
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
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName().toLowerCase();
        return ResponseEntity.badRequest().body(validationProblem(List.of(Map.of(
                "field", ex.getName(), "message", "must be a valid " + type))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(Map.of(
                "field", ex.getParameterName(), "message", "is required"))));
    }

    /** Never echoes the body: a malformed body may hold a secret's value. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> error = Map.of("field", "body", "message", "must be a well-formed JSON object");
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            error = Map.of("field", unknown.getPropertyName(), "message", "unknown field");
        } else if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                && mismatch.getPath().getLast().getPropertyName() != null) {
            error = Map.of("field", mismatch.getPath().getLast().getPropertyName(), "message", "has the wrong type");
        }
        return ResponseEntity.badRequest().body(validationProblem(List.of(error)));
    }

    @ExceptionHandler(SecretException.class)
    ResponseEntity<ProblemDetail> secret(SecretException ex) {
        if (ex.status() == HttpStatus.BAD_REQUEST) {
            ProblemDetail problem = validationProblem(ex.errors());
            problem.setProperty("code", ex.code());
            return ResponseEntity.badRequest().body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setType(URI.create("https://switchboard.dev/problems/" + ex.code().toLowerCase().replace('_', '-')));
        problem.setProperty("code", ex.code());
        return ResponseEntity.status(ex.status()).body(problem);
    }

    /** A stored value that fails to decrypt: our fault, said plainly, with nothing of the ciphertext. */
    @ExceptionHandler(SecretDecryptionException.class)
    ResponseEntity<ProblemDetail> undecryptable(SecretDecryptionException ex) {
        logger.error("A stored secret could not be decrypted: " + ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The stored secret " + ex.getMessage() + ".");
        problem.setType(URI.create("https://switchboard.dev/problems/secret-undecryptable"));
        problem.setProperty("code", "SECRET_UNDECRYPTABLE");
        return ResponseEntity.internalServerError().body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Your roles do not allow this request.");
        problem.setType(URI.create("https://switchboard.dev/problems/forbidden"));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
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

    private static ProblemDetail validationProblem(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has " + errors.size() + " invalid field(s).");
        problem.setType(VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
