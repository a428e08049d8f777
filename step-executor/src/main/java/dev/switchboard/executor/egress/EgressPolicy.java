package dev.switchboard.executor.egress;

import dev.switchboard.contracts.egress.EgressRefusal;
import dev.switchboard.contracts.egress.EgressRules;
import dev.switchboard.contracts.egress.HostResolver;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import reactor.netty.http.client.HttpClient;

/**
 * Where outgoing calls of steps and token URLs may go (ARCHITECTURE §6, ADR 010): http(s) only,
 * and no internal address unless the deployment allows it. A host is refused if any of its
 * addresses is internal, so a name cannot hide one internal address among public ones. The rules
 * themselves are the shared {@link EgressRules}; this class applies them to reactor-netty.
 *
 * <p>{@link #check(URI)} is the early, readable refusal; {@link #guard(HttpClient)} is the one
 * that counts, because it filters the addresses the client actually connects to: a DNS answer
 * that changes between the check and the connect (rebinding) cannot slip through.
 */
@Component
public final class EgressPolicy {

    private final EgressRules rules;
    private final EgressResolverGroup resolverGroup = new EgressResolverGroup(this);
    private final EgressConnectGuard connectGuard = new EgressConnectGuard(this);

    @Autowired
    public EgressPolicy(EgressProperties properties) {
        this(properties, HostResolver.SYSTEM);
    }

    EgressPolicy(EgressProperties properties, HostResolver resolver) {
        this.rules = new EgressRules(properties.allowPrivate(), properties.allowMetadata(),
                properties.allowedAddresses(), resolver);
    }

    /**
     * Refuses {@code uri} unless its scheme is http(s) and every address its host resolves to
     * is allowed. Resolves the host (blocking), never connects.
     *
     * @throws EgressDeniedException with code {@code EGRESS_DENIED}
     * @throws EgressException with code {@code HOST_NOT_FOUND} when the host does not resolve
     */
    public void check(URI uri) {
        try {
            rules.check(uri);
        } catch (EgressRefusal refusal) {
            throw translated(refusal);
        }
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
        try {
            return rules.resolveAllowed(host);
        } catch (EgressRefusal refusal) {
            throw translated(refusal);
        }
    }

    void checkAddress(String host, InetAddress address, boolean literal) {
        try {
            rules.checkAddress(host, address, literal);
        } catch (EgressRefusal refusal) {
            throw translated(refusal);
        }
    }

    private static EgressException translated(EgressRefusal refusal) {
        return refusal.denied() ? new EgressDeniedException(refusal.getMessage())
                : new EgressException(refusal.code(), refusal.getMessage());
    }
}
