package dev.switchboard.secrets.secret;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request about a secret that is refused; carries its HTTP status, a stable {@code code}
 * ({@code SECRET_NOT_FOUND}, …) and, for 400, the fields at fault. Messages never hold a value.
 */
public class SecretException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient List<Map<String, String>> errors;

    SecretException(HttpStatus status, String code, String message, List<Map<String, String>> errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    static SecretException invalid(List<SecretRules.FieldError> fieldErrors) {
        return new SecretException(HttpStatus.BAD_REQUEST, "INVALID_SECRET",
                "The request has " + fieldErrors.size() + " invalid field(s).",
                fieldErrors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    }

    public static SecretException invalidField(String field, String message) {
        return invalid(List.of(new SecretRules.FieldError(field, message)));
    }

    static SecretException notFound(String name, String scope) {
        return new SecretException(HttpStatus.NOT_FOUND, "SECRET_NOT_FOUND", "No " + (scope == null ? "" : scope + " ")
                + "secret '" + name + "' that you may use.", List.of());
    }

    static SecretException conflict(String message) {
        return new SecretException(HttpStatus.CONFLICT, "SECRET_CONFLICT", message, List.of());
    }

    static SecretException forbidden(String message) {
        return new SecretException(HttpStatus.FORBIDDEN, "FORBIDDEN", message, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Map<String, String>> errors() {
        return errors;
    }
}
