package dev.switchboard.registry.web;

import dev.switchboard.registry.definition.BodyReadErrors;
import dev.switchboard.registry.definition.DefinitionConflictException;
import dev.switchboard.registry.definition.DefinitionNotFoundException;
import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.InvalidDefinitionException;
import dev.switchboard.registry.definition.WriteForbiddenException;
import dev.switchboard.registry.openapi.SpecFetchException;
import dev.switchboard.registry.openapi.SpecParseException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
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
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The service's one mapping of exceptions to RFC 9457 problem+json. Validation failures list
 * each field at fault under {@code errors}; anything unexpected is a bare 500 with no internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private static final String PROBLEMS = "https://switchboard.dev/problems/";

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> FieldError.of(
                        String.valueOf(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof BodyTooLargeException tooLarge) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
        }
        FieldError error = ex.getCause() instanceof JacksonException jackson
                ? BodyReadErrors.toFieldError(jackson)
                : FieldError.of("body", "is required and must be JSON");
        return ResponseEntity.badRequest().body(validationProblem(List.of(error)));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName().toLowerCase();
        return ResponseEntity.badRequest().body(validationProblem(List.of(
                FieldError.of(ex.getName(), "must be a valid " + type))));
    }

    @ExceptionHandler(InvalidDefinitionException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDefinitionException ex) {
        return ResponseEntity.badRequest().body(validationProblem(ex.errors()));
    }

    /** 422: the document was read but is not a spec; the parser's own messages say why. */
    @ExceptionHandler(SpecParseException.class)
    ResponseEntity<ProblemDetail> notASpec(SpecParseException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setType(URI.create(PROBLEMS + "invalid-spec"));
        problem.setTitle("Not a usable OpenAPI document");
        problem.setProperty("errors", ex.messages().stream().limit(50)
                .map(message -> Map.of("field", "spec", "message", message)).toList());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(SpecFetchException.class)
    ResponseEntity<ProblemDetail> unfetchable(SpecFetchException ex) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(FieldError.of("url", ex.getMessage()))));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLargeException ex) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(ex));
    }

    @ExceptionHandler(DefinitionNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DefinitionNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
    }

    @ExceptionHandler(DefinitionConflictException.class)
    ResponseEntity<ProblemDetail> conflict(DefinitionConflictException ex) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflict", ex.getMessage());
    }

    @ExceptionHandler(WriteForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(WriteForbiddenException ex) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
    }

    /** Tomcat refuses a query that is not percent-encoded UTF-8 only when a parameter is read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException ex) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(FieldError.of("query", "is not valid percent-encoded UTF-8"))));
    }

    /** Spring Security's firewall, when a parameter is read: e.g. a form body whose "name" is JSON text. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(FieldError.of("request", "has characters or parameter names that are not allowed; send JSON as application/json"))));
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

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + type));
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static ProblemDetail tooLarge(BodyTooLargeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
        problem.setType(URI.create(PROBLEMS + "too-large"));
        problem.setTitle("Request body too large");
        return problem;
    }

    static ProblemDetail validationProblem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has " + errors.size() + " invalid field(s).");
        problem.setType(URI.create(PROBLEMS + "validation"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors.stream().map(ApiExceptionHandler::asMap).toList());
        return problem;
    }

    private static Map<String, String> asMap(FieldError error) {
        Map<String, String> map = new LinkedHashMap<>();
        if (error.ref() != null) {
            map.put("ref", error.ref());
        }
        map.put("field", error.field());
        map.put("message", error.message());
        return map;
    }
}
