package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.security.SessionCookie;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A console request reaches a service as any API call does: the session cookie's token becomes its
 * {@code Authorization} header (services check it again, docs/adr/001), and no cookie goes on, so
 * services never see console state. Runs after security, which has already validated the token.
 */
@Component
class SessionCookieRelay implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(relay(exchange.getRequest()).map(request -> exchange.mutate().request(request).build())
                .orElse(exchange));
    }

    static Optional<ServerHttpRequest> relay(ServerHttpRequest request) {
        boolean hasCookies = request.getHeaders().containsHeader(HttpHeaders.COOKIE);
        if (!hasCookies) {
            return Optional.empty();
        }
        Optional<String> session = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) ? Optional.empty()
                : SessionCookie.read(request);
        return Optional.of(request.mutate().headers(headers -> {
            headers.remove(HttpHeaders.COOKIE);
            session.ifPresent(token -> headers.setBearerAuth(token));
        }).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
