package dev.switchboard.gateway.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem+json from filters and handlers that run outside controllers. */
@Component
public class Problems {

    private static final String TYPE_BASE = "https://switchboard.dev/problems/";

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerHttpResponse response, HttpStatus status, String type, String detail) {
        byte[] body = body(status.value(), status.getReasonPhrase(), type, detail);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The problem+json bytes, for writers below Spring (Netty handlers) too. */
    byte[] body(int status, String title, String type, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create(TYPE_BASE + type).toString());
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return json.writeValueAsBytes(problem);
    }
}
