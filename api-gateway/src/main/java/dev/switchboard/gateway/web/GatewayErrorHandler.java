package dev.switchboard.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's one mapping of errors to problem+json: a body over the limit is a 413; a service
 * that cannot be reached is a 503 naming it; an unknown path a 404; anything else a 500 with no
 * internals.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final Problems problems;

    GatewayErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        BodySizeLimit.TooLarge tooLarge = tooLarge(error);
        if (tooLarge != null) {
            return problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, "too-large",
                    tooLarge.getReason());
        }
        if (isUnreachable(error)) {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            String service = route == null ? "the service" : "the " + route.getId() + " service";
            log.warn("{} is unreachable: {}", service, error.toString());
            return problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    capitalize(service) + " is not reachable right now; try again shortly.");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus known = HttpStatus.resolve(code.value());
            if (known == HttpStatus.NOT_FOUND) {
                return problems.write(exchange.getResponse(), known, "not-found",
                        "No resource at " + exchange.getRequest().getPath().value() + ".");
            }
            if (known != null && known.is4xxClientError()) {
                return problems.write(exchange.getResponse(), known, "bad-request",
                        status.getReason() != null ? status.getReason() : known.getReasonPhrase());
            }
            if (known == HttpStatus.GATEWAY_TIMEOUT) {
                return problems.write(exchange.getResponse(), known, "gateway-timeout",
                        "The service did not answer in time.");
            }
        }
        log.error("Unhandled gateway error on {}", exchange.getRequest().getPath(), error);
        return problems.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Something went wrong on our side; it has been logged.");
    }

    /** A chunked body over the limit, however deep the proxy or a codec wrapped it. */
    private static BodySizeLimit.TooLarge tooLarge(Throwable error) {
        for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static boolean isUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof TimeoutException
                    || cause.getClass().getName().startsWith("io.netty.channel.AbstractChannel$AnnotatedConnect")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
