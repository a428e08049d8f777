package dev.switchboard.gateway.web;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public door refuses request bodies over the limit (5 MB, the largest any service takes: an
 * OpenAPI spec) with 413: at once when Content-Length says so, and while streaming when the body
 * is chunked. Without it a body of any size was streamed to the service behind, and a service
 * that reads its body whole (the orchestrator's JSON endpoints) ran out of heap on a 1.5 GB one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimit implements WebFilter {

    private final long limit;
    private final String detail;
    private final Problems problems;

    BodySizeLimit(@Value("${switchboard.gateway.max-body-size:5MB}") DataSize limit, Problems problems) {
        this.limit = limit.toBytes();
        this.detail = "The request body is over the limit of " + describe(limit) + ".";
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > limit) {
            return problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, "too-large", detail);
        }
        return chain.filter(exchange.mutate().request(new Limited(request)).build());
    }

    /** The error a chunked body over the limit ends with; {@link GatewayErrorHandler} answers it. */
    static final class TooLarge extends ResponseStatusException {
        TooLarge(String detail) {
            super(HttpStatus.CONTENT_TOO_LARGE, detail);
        }

        /** The caller's mistake, not ours: the proxy logs it in one line, without a trace. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final class Limited extends ServerHttpRequestDecorator {

        Limited(ServerHttpRequest request) {
            super(request);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong read = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (read.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    sink.error(new TooLarge(detail));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }

    private static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }
}
