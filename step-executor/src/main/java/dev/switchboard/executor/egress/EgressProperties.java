package dev.switchboard.executor.egress;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where steps, token URLs and webhooks may connect to (ADR 010).
 *
 * @param allowPrivate loopback, private, link-local, CGNAT and other internal addresses are
 *     allowed (the standalone, which runs on one machine); off by default and in deploy/
 * @param allowMetadata cloud metadata addresses are allowed; separate from allowPrivate because
 *     they hand out the host's cloud credentials
 * @param allowedAddresses IP addresses or CIDR blocks allowed even while private egress is off,
 *     e.g. one on-premises API or an HTTP proxy; never opens metadata addresses
 */
@ConfigurationProperties("switchboard.egress")
public record EgressProperties(@DefaultValue("false") boolean allowPrivate,
        @DefaultValue("false") boolean allowMetadata, @DefaultValue List<String> allowedAddresses) {

    public EgressProperties {
        allowedAddresses = allowedAddresses == null ? List.of() : List.copyOf(allowedAddresses);
    }
}
