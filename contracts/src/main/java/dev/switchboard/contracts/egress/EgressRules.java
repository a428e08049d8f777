package dev.switchboard.contracts.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a service may send outgoing requests (ARCHITECTURE §6, ADR 010): http(s) only, and no
 * internal address unless the deployment allows it. A host is refused if any of its addresses is
 * internal, so a name cannot hide one internal address among public ones. Cloud metadata
 * addresses stay refused even with {@code allowPrivate}; only {@code allowMetadata} opens them.
 *
 * <p>These are the rules alone, with no HTTP client: each service applies them where its client
 * connects ({@link #resolveAllowed} as its resolver, {@link #checkAddress} on the address dialled),
 * so a DNS answer that changes after {@link #check(URI)} cannot slip through.
 */
public final class EgressRules {

    private final boolean allowPrivate;
    private final boolean allowMetadata;
    private final List<AddressRange> allowedAddresses;
    private final HostResolver resolver;

    /**
     * @param allowedAddresses IPs or CIDR blocks allowed while private egress is off
     * @throws IllegalArgumentException for an allowed address that is not an IP or CIDR block
     */
    public EgressRules(boolean allowPrivate, boolean allowMetadata, List<String> allowedAddresses,
            HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowMetadata = allowMetadata;
        this.allowedAddresses = allowedAddresses.stream().map(AddressRange::parse).toList();
        this.resolver = resolver;
    }

    /**
     * Refuses {@code uri} unless its scheme is http(s) and every address its host resolves to is
     * allowed. Resolves the host (blocking), never connects.
     *
     * @throws EgressRefusal {@code EGRESS_DENIED}, or {@code HOST_NOT_FOUND} when the host does not resolve
     */
    public void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw denied(scheme.isEmpty() ? "the URL has no scheme; only http and https are called"
                    : "only http and https URLs are called, not " + scheme + ":");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // also a host java.net.URI cannot parse (an underscore, say): refusing beats guessing
            throw denied("the URL has no host that can be checked");
        }
        resolveAllowed(uri.getHost());
    }

    /**
     * The addresses of {@code host} (a name or an IP literal), all of them allowed.
     *
     * @throws EgressRefusal as {@link #check(URI)}
     */
    public List<InetAddress> resolveAllowed(String host) {
        List<InetAddress> addresses;
        var literal = IpLiteral.parse(host);
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new EgressRefusal(EgressRefusal.HOST_NOT_FOUND, "the host '" + host + "' does not resolve");
            }
        }
        for (InetAddress address : addresses) {
            checkAddress(host, address, literal.isPresent());
        }
        return addresses;
    }

    /**
     * Refuses a connection to {@code address}, reached as {@code host}.
     *
     * @param literal whether {@code host} is the address itself rather than a name for it
     * @throws EgressRefusal {@code EGRESS_DENIED}
     */
    public void checkAddress(String host, InetAddress address, boolean literal) {
        AddressClass kind = AddressClass.of(address);
        if (kind == AddressClass.PUBLIC) {
            return;
        }
        // the address itself is not named for a host name: it would map internal DNS for anyone
        String what = "'" + host + "' " + (literal ? "is " : "resolves to ") + kind.description();
        if (kind == AddressClass.METADATA) {
            if (allowMetadata) {
                return;
            }
            throw denied(what + ", which is never called (switchboard.egress.allow-metadata is off)");
        }
        if (allowPrivate || allowedAddresses.stream().anyMatch(range -> range.contains(address))) {
            return;
        }
        throw denied(what + ", and this deployment does not call internal addresses"
                + " (switchboard.egress.allow-private is off)");
    }

    private static EgressRefusal denied(String message) {
        return new EgressRefusal(EgressRefusal.EGRESS_DENIED, message);
    }
}
