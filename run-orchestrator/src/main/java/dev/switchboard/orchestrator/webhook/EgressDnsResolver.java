package dev.switchboard.orchestrator.webhook;

import dev.switchboard.contracts.egress.EgressRefusal;
import dev.switchboard.contracts.egress.EgressRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The webhook client's only way from a host to addresses: every address it may connect to has
 * passed the egress rules, IP literals included (the client asks the resolver for those too), so
 * a name that resolves elsewhere after the early check (rebinding) is still refused at connect.
 */
final class EgressDnsResolver implements DnsResolver {

    private final EgressRules rules;

    EgressDnsResolver(EgressRules rules) {
        this.rules = rules;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return rules.resolveAllowed(host).toArray(InetAddress[]::new);
        } catch (EgressRefusal refusal) {
            UnknownHostException refused = new UnknownHostException(refusal.getMessage());
            refused.initCause(refusal);
            throw refused;
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // only used for Kerberos, which webhooks never do; never a reverse lookup of an internal name
        return host;
    }
}
