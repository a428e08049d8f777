package dev.switchboard.gateway.routing;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a trace id: the caller's {@code X-Trace-Id} when it is a sane token,
 * else a new one. It goes to the service, back to the caller, and into the gateway's logs;
 * services put it on every event they publish.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdFilter implements WebFilter {

    public static final String HEADER = "X-Trace-Id";
    public static final String CONTEXT_KEY = "traceId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9-]{8,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = traceIdFor(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerWebExchange traced = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, traceId)))
                .build();
        traced.getResponse().getHeaders().set(HEADER, traceId);
        traced.getAttributes().put(CONTEXT_KEY, traceId);
        MDC.put(CONTEXT_KEY, traceId);
        return chain.filter(traced)
                .contextWrite(context -> context.put(CONTEXT_KEY, traceId))
                .doFinally(signal -> MDC.remove(CONTEXT_KEY));
    }

    static String traceIdFor(String offered) {
        if (offered != null && SANE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }
}
