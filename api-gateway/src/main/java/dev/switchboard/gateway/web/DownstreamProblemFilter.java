package dev.switchboard.gateway.web;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every error a service answers reaches the caller as problem+json, even one its servlet container
 * wrote before the service saw the request (Tomcat's HTML page for an encoded '/' or malformed UTF-8
 * in the path, or for too many headers) or one with no body (a bare 405). What is already
 * problem+json passes untouched, and so do an MCP endpoint's JSON-RPC answers, which MCP defines.
 */
@Component
class DownstreamProblemFilter implements GlobalFilter, Ordered {

    private final Problems problems;

    DownstreamProblemFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // runs before the filter that copies the service's body, so that it writes through this decorator
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        boolean mcp = exchange.getRequest().getPath().value().endsWith("/mcp");
        ServerHttpResponse decorated = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isProblem(getHeaders(), mcp)) {
                    return super.writeWith(body);
                }
                HttpStatus known = HttpStatus.resolve(status.value());
                String title = known == null ? "Error" : known.getReasonPhrase();
                getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
                return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(() -> {
                    byte[] problem = problems.body(status.value(), title, "request-refused",
                            "The service refused the request (" + title + "): check its path, headers and body.");
                    getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                    getHeaders().setContentLength(problem.length);
                    return super.writeWith(Mono.just(bufferFactory().wrap(problem)));
                }));
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build());
    }

    private static boolean isProblem(HttpHeaders headers, boolean mcp) {
        MediaType type = headers.getContentType();
        return type != null && (MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)
                || mcp && MediaType.APPLICATION_JSON.isCompatibleWith(type));
    }
}
