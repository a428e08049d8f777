package dev.switchboard.registry.openapi;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which URLs the registry may fetch a spec from (ARCHITECTURE §6): http(s) only, and no private,
 * loopback, link-local (cloud metadata) or otherwise internal address unless the deployment
 * allows it ({@code switchboard.egress.allow-private}, on in the standalone).
 */
@Component
class EgressPolicy {

    private final boolean allowPrivate;

    EgressPolicy(@Value("${switchboard.egress.allow-private:false}") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Throws {@link SpecFetchException} naming why {@code uri} may not be fetched. */
    void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SpecFetchException("only http and https URLs can be fetched");
        }
        if (uri.getHost() == null) {
            throw new SpecFetchException("the URL has no host");
        }
        if (allowPrivate) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isInternal(address)) {
                    throw new SpecFetchException("'" + uri.getHost() + "' resolves to a private or internal address,"
                            + " which this deployment does not fetch from");
                }
            }
        } catch (UnknownHostException e) {
            throw new SpecFetchException("the host '" + uri.getHost() + "' does not resolve");
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) // 0/8, carrier-grade NAT 100.64/10
                || (first == 198 && (second == 18 || second == 19)); // benchmarking 198.18/15
    }
}
