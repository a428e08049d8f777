package dev.switchboard.gateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses paths with encoded dots, slashes, CR/LF or NUL and unknown
 * methods before any route; by default with an empty 400. The bad-input sweep found those: this
 * makes them problem+json, without echoing the path.
 */
@Component
class RejectedExchangeProblems implements ServerExchangeRejectedHandler {

    private final Problems problems;

    RejectedExchangeProblems(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "request-rejected",
                "The request was refused: its method, or an encoded character in its path ('.', '/', '%', CR, LF,"
                        + " NUL), is not allowed.");
    }
}
