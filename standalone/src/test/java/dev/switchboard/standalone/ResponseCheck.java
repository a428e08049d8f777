package dev.switchboard.standalone;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every answer of the public API must be, whatever was sent: below 500; no stack trace, Java
 * class name, exception name or file content in the body; and a 4xx as RFC 9457 problem+json with
 * {@code type}, {@code title} and {@code status}, plus {@code errors[]} naming fields when it is a
 * validation failure. The MCP endpoint may answer JSON-RPC errors instead, as MCP requires.
 */
final class ResponseCheck {

    /** Each kind of violation, so a shrunk request must still show the same one. */
    enum Violation { SERVER_ERROR, LEAK, NOT_PROBLEM_JSON, INCOMPLETE_PROBLEM, NO_FIELD_ERRORS, NO_ANSWER }

    record Finding(Violation violation, String detail) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LEAK = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|jdk|tools\\.jackson|com\\.fasterxml|org\\.springframework|org\\.graalvm"
                    + "|org\\.yaml|org\\.snakeyaml|io\\.swagger|io\\.netty|reactor\\.(?:core|netty)|com\\.networknt"
                    + "|org\\.bson|com\\.mongodb|org\\.apache|io\\.modelcontextprotocol|dev\\.switchboard)"
                    + "\\.[a-z][\\w$]*"
                    + "|\\b\\w*Exception\\b|\\b[A-Z]\\w*Error\\b"
                    + "(?<!TypeError|SyntaxError|RangeError|ReferenceError|EvalError|URIError|AggregateError)"
                    + "|\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|Caused by:|root:x:0:0");

    private ResponseCheck() {
    }

    /** The first rule the answer breaks, if any ({@code response} null: no answer at all). */
    static Optional<Finding> of(FuzzRequest request, HttpResponse<String> response, String failure) {
        if (response == null) {
            return Optional.of(new Finding(Violation.NO_ANSWER, failure));
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 500) {
            return Optional.of(new Finding(Violation.SERVER_ERROR, "status " + status));
        }
        Matcher leak = LEAK.matcher(body);
        if (leak.find()) {
            return Optional.of(new Finding(Violation.LEAK, "the body says \"" + leak.group() + "\""));
        }
        if (status < 400) {
            return Optional.empty();
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            if (isMcp(request) && isJsonRpcError(body)) {
                return Optional.empty();
            }
            return Optional.of(new Finding(Violation.NOT_PROBLEM_JSON, "Content-Type '" + contentType + "'"));
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (JacksonException e) {
            return Optional.of(new Finding(Violation.NOT_PROBLEM_JSON, "the body is not JSON"));
        }
        List<String> missing = new ArrayList<>();
        if (!problem.path("type").isString()) {
            missing.add("type");
        }
        if (!problem.path("title").isString()) {
            missing.add("title");
        }
        if (problem.path("status").asInt(-1) != status) {
            missing.add("status " + status);
        }
        if (!missing.isEmpty()) {
            return Optional.of(new Finding(Violation.INCOMPLETE_PROBLEM, "no " + String.join(", ", missing)));
        }
        if (problem.path("type").asString().endsWith("/validation")) {
            JsonNode errors = problem.path("errors");
            boolean named = errors.isArray() && !errors.isEmpty();
            for (JsonNode error : errors) {
                // apply names a whole item by its ref, with an empty field ("appears more than once")
                boolean names = !error.path("field").asString("").isBlank() || !error.path("ref").asString("").isBlank();
                named &= error.path("field").isString() && names && error.path("message").isString();
            }
            if (!named) {
                return Optional.of(new Finding(Violation.NO_FIELD_ERRORS, "a validation problem without errors[]"
                        + " {field, message}"));
            }
        }
        return Optional.empty();
    }

    private static boolean isMcp(FuzzRequest request) {
        return request.path().contains("/mcp") && request.method().equals("POST");
    }

    private static boolean isJsonRpcError(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer.path("jsonrpc").asString("").equals("2.0") && answer.path("error").isObject();
        } catch (JacksonException e) {
            return false;
        }
    }
}
