package dev.switchboard.registry.connector;

import dev.switchboard.registry.connector.ConnectorDefinition.AuthConfig;
import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.FileStepBodyCheck;
import dev.switchboard.registry.definition.JsonSchemaCheck;
import dev.switchboard.registry.definition.PostgresStepBodyCheck;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Every rule a connector must meet before it is stored; it reports all problems, not the first. */
@Component
class ConnectorValidator {

    static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");
    static final Pattern OPERATION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/]+)}");
    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final Set<String> TYPES = Set.of("http", "postgres", "ftp", "sftp");
    private static final Set<String> AUTH_TYPES = new LinkedHashSet<>(List.of("none", "bearer", "basic", "api_key",
            "forward_token", "oauth2_client_credentials"));
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> PARAMETER_PLACES = Set.of("path", "query", "header", "body");
    private static final Map<String, Set<String>> SCHEMES = Map.of("http", Set.of("http", "https"),
            "postgres", Set.of("postgres", "postgresql"), "ftp", Set.of("ftp", "ftps"), "sftp", Set.of("sftp"));
    /** Headers whose literal value would be a credential; they must come from a secret or from auth. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "api-key", "x-auth-token", "cookie");
    private static final String SECRET_REFERENCE = "{{secret:";

    private final JsonSchemaCheck schemas;

    ConnectorValidator(JsonSchemaCheck schemas) {
        this.schemas = schemas;
    }

    List<FieldError> validate(ConnectorDefinition c) {
        List<FieldError> errors = new ArrayList<>();
        name(errors, "namespace", c.namespace());
        name(errors, "name", c.name());
        if (c.description() != null && c.description().length() > 2000) {
            errors.add(FieldError.of("description", "must be at most 2000 characters"));
        }
        if (c.type() == null) {
            errors.add(FieldError.of("type", "is required: one of " + TYPES));
        } else if (!TYPES.contains(c.type())) {
            errors.add(FieldError.of("type", "must be one of " + TYPES));
        } else {
            baseUrl(errors, c.type(), c.baseUrl());
        }
        auth(errors, c.type(), c.auth());
        headers(errors, c.headers());
        if (c.timeoutMs() != null && (c.timeoutMs() < 1 || c.timeoutMs() > 300_000)) {
            errors.add(FieldError.of("timeoutMs", "must be between 1 and 300000"));
        }
        retry(errors, c.retry());
        if (c.rateLimit() != null && (c.rateLimit().perSecond() == null || c.rateLimit().perSecond() <= 0
                || c.rateLimit().perSecond() > 10_000)) {
            errors.add(FieldError.of("rateLimit.perSecond", "must be a number above 0 and at most 10000"));
        }
        protocolOptions(errors, c);
        operations(errors, c.type(), c.operationsOrEmpty());
        errors.addAll(PostgresStepBodyCheck.forOperations(c.type(), c.operationsOrEmpty().stream()
                .map(op -> op == null ? null : op.requestBody()).toList(), c.allowQueryTemplates()));
        return errors;
    }

    private static void protocolOptions(List<FieldError> errors, ConnectorDefinition c) {
        for (var option : List.of(new Object[] {"knownHosts", c.knownHosts(), "sftp"},
                new Object[] {"hostKeyCheck", c.hostKeyCheck(), "sftp"}, new Object[] {"readOnly", c.readOnly(), "postgres"},
                new Object[] {"sslmode", c.sslmode(), "postgres"},
                new Object[] {"allowQueryTemplates", c.allowQueryTemplates(), "postgres"},
                new Object[] {"maxRows", c.maxRows(), "postgres"})) {
            if (option[1] != null && !option[2].equals(c.type())) {
                errors.add(FieldError.of((String) option[0], "applies to " + option[2] + " connectors only"));
            }
        }
        if (c.knownHosts() != null && (c.knownHosts().isBlank() || c.knownHosts().length() > 64_000)) {
            errors.add(FieldError.of("knownHosts", "must hold known_hosts lines (at most 64000 characters)"));
        }
        if (c.sslmode() != null && !SSL_MODES.contains(c.sslmode())) {
            errors.add(FieldError.of("sslmode", "must be one of " + SSL_MODES));
        }
        if (c.maxRows() != null && (c.maxRows() < 1 || c.maxRows() > 1_000_000)) {
            errors.add(FieldError.of("maxRows", "must be between 1 and 1000000"));
        }
    }

    private static void name(List<FieldError> errors, String field, String value) {
        if (value == null || value.isEmpty()) {
            errors.add(FieldError.of(field, "is required"));
        } else if (!NAME.matcher(value).matches()) {
            errors.add(FieldError.of(field, "must be 1-64 lowercase letters, digits, '-' or '_'"));
        }
    }

    private static void baseUrl(List<FieldError> errors, String type, String baseUrl) {
        Set<String> schemes = SCHEMES.get(type);
        if (baseUrl == null || baseUrl.isBlank()) {
            errors.add(FieldError.of("baseUrl", "is required for a " + type + " connector"));
            return;
        }
        try {
            URI uri = new URI(baseUrl);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                errors.add(FieldError.of("baseUrl", "must be an absolute " + String.join(" or ", schemes.stream()
                        .sorted().map(s -> s + "://").toList()) + " URL with a host"));
            } else if (uri.getUserInfo() != null) {
                errors.add(FieldError.of("baseUrl", "must not carry a user or password; put the login in a"
                        + " secret and name it in auth.secret"));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(FieldError.of("baseUrl", "is not a valid URL: " + e.getReason()));
        }
    }

    private static void auth(List<FieldError> errors, String type, AuthConfig auth) {
        if (auth == null || "none".equals(auth.type())) {
            return;
        }
        if (auth.type() == null) {
            errors.add(FieldError.of("auth.type", "is required: one of " + AUTH_TYPES));
            return;
        }
        if (!AUTH_TYPES.contains(auth.type())) {
            errors.add(FieldError.of("auth.type", "'" + auth.type() + "' is not an auth type: one of " + AUTH_TYPES));
            return;
        }
        if (type != null && !"http".equals(type) && !"basic".equals(auth.type())) {
            errors.add(FieldError.of("auth.type", "a " + type + " connector logs in with basic (a secret holding"
                    + " {username, password}" + ("sftp".equals(type) ? " or {username, privateKey}" : "") + ")"));
        }
        boolean needsSecret = !"forward_token".equals(auth.type());
        if (needsSecret && auth.secret() == null) {
            errors.add(FieldError.of("auth.secret", "is required: the name of the secret holding the credential"));
        } else if (!needsSecret && auth.secret() != null) {
            errors.add(FieldError.of("auth.secret", "forward_token sends the caller's own token; it takes no secret"));
        } else if (auth.secret() != null && !SECRET_NAME.matcher(auth.secret()).matches()) {
            errors.add(FieldError.of("auth.secret", "must be a secret's name: 1-128 letters, digits, '_', '.' or '-'"
                    + " (put the value itself in a secret)"));
        }
        if (auth.header() != null && !HEADER_NAME.matcher(auth.header()).matches()) {
            errors.add(FieldError.of("auth.header", "is not a valid header name"));
        }
        switch (auth.type()) {
            case "api_key" -> apiKey(errors, auth);
            case "oauth2_client_credentials" -> oauth2(errors, auth);
            default -> {
                onlyFor(errors, auth.position(), "auth.position", "api_key");
                onlyFor(errors, auth.paramName(), "auth.paramName", "api_key");
                onlyFor(errors, auth.tokenUrl(), "auth.tokenUrl", "oauth2_client_credentials");
                onlyFor(errors, auth.scopes(), "auth.scopes", "oauth2_client_credentials");
            }
        }
        if ("basic".equals(auth.type()) && auth.header() != null) {
            errors.add(FieldError.of("auth.header", "basic auth always uses the Authorization header"));
        }
    }

    private static void apiKey(List<FieldError> errors, AuthConfig auth) {
        String position = auth.position() == null ? "header" : auth.position();
        if (!position.equals("header") && !position.equals("query")) {
            errors.add(FieldError.of("auth.position", "must be header or query"));
        } else if (position.equals("query") && (auth.paramName() == null || auth.paramName().isBlank())) {
            errors.add(FieldError.of("auth.paramName", "is required for an api_key sent in the query, e.g. api_key"));
        }
        onlyFor(errors, auth.tokenUrl(), "auth.tokenUrl", "oauth2_client_credentials");
        onlyFor(errors, auth.scopes(), "auth.scopes", "oauth2_client_credentials");
    }

    private static void oauth2(List<FieldError> errors, AuthConfig auth) {
        if (auth.tokenUrl() == null) {
            errors.add(FieldError.of("auth.tokenUrl", "is required for oauth2_client_credentials"));
        } else {
            try {
                URI uri = new URI(auth.tokenUrl());
                if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                    errors.add(FieldError.of("auth.tokenUrl", "must be an absolute http or https URL"));
                }
            } catch (java.net.URISyntaxException e) {
                errors.add(FieldError.of("auth.tokenUrl", "is not a valid URL: " + e.getReason()));
            }
        }
        if (auth.scopes() != null && auth.scopes().stream().anyMatch(s -> s == null || s.isBlank() || s.contains(" "))) {
            errors.add(FieldError.of("auth.scopes", "must be non-empty scope names without spaces"));
        }
        onlyFor(errors, auth.position(), "auth.position", "api_key");
        onlyFor(errors, auth.paramName(), "auth.paramName", "api_key");
    }

    private static void onlyFor(List<FieldError> errors, Object value, String field, String authType) {
        if (value != null) {
            errors.add(FieldError.of(field, "applies to " + authType + " auth only"));
        }
    }

    private static void headers(List<FieldError> errors, Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        headers.forEach((name, value) -> {
            String field = "headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.add(FieldError.of(field, "is not a valid header name"));
            } else if (value == null) {
                errors.add(FieldError.of(field, "must be a string"));
            } else if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !value.contains(SECRET_REFERENCE)) {
                errors.add(FieldError.of(field, "credential values are not accepted in a connector; store the value"
                        + " with POST /api/v1/secrets and use auth, or write {{secret:NAME}} here"));
            }
        });
    }

    private static void retry(List<FieldError> errors, ConnectorDefinition.RetryPolicy retry) {
        if (retry == null) {
            return;
        }
        if (retry.maxAttempts() != null && (retry.maxAttempts() < 1 || retry.maxAttempts() > 10)) {
            errors.add(FieldError.of("retry.maxAttempts", "must be between 1 and 10"));
        }
        if (retry.backoffMs() != null && (retry.backoffMs() < 0 || retry.backoffMs() > 60_000)) {
            errors.add(FieldError.of("retry.backoffMs", "must be between 0 and 60000"));
        }
        if (retry.retryOn() != null) {
            for (int i = 0; i < retry.retryOn().size(); i++) {
                Integer status = retry.retryOn().get(i);
                if (status == null || status < 400 || status > 599) {
                    errors.add(FieldError.of("retry.retryOn[" + i + "]", "must be an HTTP error status (400-599)"));
                }
            }
        }
    }

    private void operations(List<FieldError> errors, String type, List<OperationDefinition> operations) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < operations.size(); i++) {
            OperationDefinition op = operations.get(i);
            String at = "operations[" + i + "]";
            if (op == null) {
                errors.add(FieldError.of(at, "must be an object"));
                continue;
            }
            if (op.name() == null || !OPERATION_NAME.matcher(op.name()).matches()) {
                errors.add(FieldError.of(at + ".name", "is required: 1-64 letters, digits, '_' or '-'"));
            } else if (!names.add(op.name())) {
                errors.add(FieldError.of(at + ".name", "duplicate operation name '" + op.name() + "'"));
            }
            if ("http".equals(type) || type == null) {
                httpOperation(errors, at, op);
            } else if (op.method() != null || op.path() != null) {
                requestPath(errors, at, op);
            }
            FileStepBodyCheck.checkOperationBody(type, at + ".requestBody", op.requestBody(), op.parameters(), errors);
            if (op.parameters() != null) {
                parameters(errors, at + ".parameters", op.parameters());
            }
            if (op.responseSchema() != null) {
                schemas.problems(op.responseSchema()).forEach(problem ->
                        errors.add(FieldError.of(at + ".responseSchema", problem)));
            }
        }
    }

    private static void httpOperation(List<FieldError> errors, String at, OperationDefinition op) {
        if (op.method() == null || !METHODS.contains(op.method())) {
            errors.add(FieldError.of(at + ".method", "is required: one of " + METHODS.stream().sorted().toList()));
        }
        if (op.path() == null || !op.path().startsWith("/")) {
            errors.add(FieldError.of(at + ".path", "is required and must start with '/'"));
            return;
        }
        requestPath(errors, at, op);
    }

    /** Every {x} in the path needs a parameter x in the path, and every path parameter a {x}. */
    private static void requestPath(List<FieldError> errors, String at, OperationDefinition op) {
        if (op.path() == null) {
            return;
        }
        Set<String> placeholders = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(op.path());
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        Set<String> pathParams = new LinkedHashSet<>();
        JsonNode properties = op.parameters() == null ? null : op.parameters().get("properties");
        if (properties != null && properties.isObject()) {
            properties.properties().forEach(p -> {
                if ("path".equals(p.getValue().path("in").asString(""))) {
                    pathParams.add(p.getKey());
                }
            });
        }
        for (String placeholder : placeholders) {
            if (!pathParams.contains(placeholder)) {
                errors.add(FieldError.of(at + ".path", "placeholder {" + placeholder
                        + "} has no parameter '" + placeholder + "' with \"in\": \"path\""));
            }
        }
        for (String param : pathParams) {
            if (!placeholders.contains(param)) {
                errors.add(FieldError.of(at + ".parameters.properties." + param,
                        "is a path parameter but the path has no {" + param + "}"));
            }
        }
    }

    private void parameters(List<FieldError> errors, String at, JsonNode parameters) {
        schemas.problems(parameters).forEach(problem -> errors.add(FieldError.of(at, problem)));
        if (!"object".equals(parameters.path("type").asString(""))) {
            errors.add(FieldError.of(at + ".type", "must be \"object\": parameters are named"));
        }
        JsonNode properties = parameters.get("properties");
        if (properties == null || !properties.isObject()) {
            return;
        }
        properties.properties().forEach(p -> {
            JsonNode in = p.getValue().get("in");
            if (in != null && (!in.isString() || !PARAMETER_PLACES.contains(in.asString()))) {
                errors.add(FieldError.of(at + ".properties." + p.getKey() + ".in", "must be one of "
                        + PARAMETER_PLACES.stream().sorted().toList()));
            }
        });
    }
}
