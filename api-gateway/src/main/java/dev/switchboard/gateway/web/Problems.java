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
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create(TYPE_BASE + type).toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
