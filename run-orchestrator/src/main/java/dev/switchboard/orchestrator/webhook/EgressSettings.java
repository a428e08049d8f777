package dev.switchboard.orchestrator.webhook;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's egress settings as the executor reads them (ADR 010), here for webhook targets:
 * {@code allow-private} (the standalone's default), {@code allow-metadata}, {@code allowed-addresses}.
 */
@ConfigurationProperties("switchboard.egress")
record EgressSettings(@DefaultValue("false") boolean allowPrivate, @DefaultValue("false") boolean allowMetadata,
        @DefaultValue List<String> allowedAddresses) {
}
