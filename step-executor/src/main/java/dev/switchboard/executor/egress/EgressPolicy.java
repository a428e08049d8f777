package dev.switchboard.executor.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import reactor.netty.http.client.HttpClient;

/**
 * Where outgoing calls of steps, token URLs and webhooks may go (ARCHITECTURE §6, ADR 010):
 * http(s) only, and no internal address unless the deployment allows it. A host is refused if any
 * of its addresses is internal, so a name cannot hide one internal address among public ones.
 *
 * <p>{@link #check(URI)} is the early, readable refusal; {@link #guard(HttpClient)} is the one
 * that counts, because it filters the addresses the client actually connects to: a DNS answer
 * that changes between the check and the connect (rebinding) cannot slip through.
 */
@Component
public final class EgressPolicy {

    private final boolean allowPrivate;
    private final boolean allowMetadata;
    private final List<AddressRange> allowedAddresses;
    private final HostResolver resolver;
    private final EgressResolverGroup resolverGroup = new EgressResolverGroup(this);
    private final EgressConnectGuard connectGuard = new EgressConnectGuard(this);

    @Autowired
    public EgressPolicy(EgressProperties properties) {
        this(properties, HostResolver.SYSTEM);
    }

    EgressPolicy(EgressProperties properties, HostResolver resolver) {
        this.allowPrivate = properties.allowPrivate();
        this.allowMetadata = properties.allowMetadata();
        this.allowedAddresses = properties.allowedAddresses().stream().map(AddressRange::parse).toList();
        this.resolver = resolver;
    }

    /**
     * Refuses {@code uri} unless its scheme is http(s) and every address its host resolves to
     * is allowed. Resolves the host (blocking), never connects.
     *
     * @throws EgressDeniedException with code {@code EGRESS_DENIED}
     * @throws EgressException with code {@code HOST_NOT_FOUND} when the host does not resolve
     */
    public void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new EgressDeniedException(scheme.isEmpty() ? "the URL has no scheme; only http and https are called"
                    : "only http and https URLs are called, not " + scheme + ":");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // also a host java.net.URI cannot parse (an underscore, say): refusing beats guessing
            throw new EgressDeniedException("the URL has no host that can be checked");
        }
        resolveAllowed(uri.getHost());
    }

    /**
     * {@code client} made to connect only to allowed addresses, and not to follow redirects by
     * itself (Boot's default connector does), so every hop goes through a {@link RedirectFollower}.
     */
    public HttpClient guard(HttpClient client) {
        return client.resolver(resolverGroup)
                .followRedirect(false)
                // IP literals are connected to without the resolver: the connect itself is checked
                .doOnChannelInit((observer, channel, remote) ->
                        channel.pipeline().addFirst(EgressConnectGuard.NAME, connectGuard));
    }

    /** A WebClient connector on reactor-netty's shared resources, {@link #guard guarded}. */
    public ClientHttpConnector connector() {
        return new ReactorClientHttpConnector(guard(HttpClient.create()));
    }

    /** The addresses of {@code host}, all of them allowed. */
    List<InetAddress> resolveAllowed(String host) {
        List<InetAddress> addresses;
        var literal = IpLiteral.parse(host);
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new EgressException(EgressException.HOST_NOT_FOUND, "the host '" + host + "' does not resolve");
            }
        }
        for (InetAddress address : addresses) {
            checkAddress(host, address, literal.isPresent());
        }
        return addresses;
    }

    void checkAddress(String host, InetAddress address, boolean literal) {
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
            throw new EgressDeniedException(what + ", which is never called"
                    + " (switchboard.egress.allow-metadata is off)");
        }
        if (allowPrivate || allowedAddresses.stream().anyMatch(range -> range.contains(address))) {
            return;
        }
        throw new EgressDeniedException(what + ", and this deployment does not call internal addresses"
                + " (switchboard.egress.allow-private is off)");
    }
}
