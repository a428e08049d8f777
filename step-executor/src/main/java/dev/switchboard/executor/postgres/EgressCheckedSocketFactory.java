package dev.switchboard.executor.postgres;

import dev.switchboard.executor.egress.EgressException;
import dev.switchboard.executor.egress.EgressPolicy;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * The sockets pgjdbc connects with ({@code socketFactory} connection property): each checks the
 * address it is about to dial against the executor's {@link EgressPolicy}, so a name that resolved
 * to a public address for the early check and to an internal one for the driver (DNS rebinding)
 * is still refused (ADR 010, ADR 013). A TLS connection is layered over this socket after it
 * connected, so it is checked too.
 *
 * <p>Public with a {@code String} constructor because pgjdbc makes it by reflection from a class
 * name and one text argument; that argument is the key under which the caller {@link #register
 * registered} its policy, since a policy object cannot travel through connection properties.
 */
public final class EgressCheckedSocketFactory extends SocketFactory {

    private static final Map<String, EgressPolicy> POLICIES = new ConcurrentHashMap<>();

    private final EgressPolicy policy;

    /** Made by pgjdbc; {@code key} is what {@link #register} returned. */
    public EgressCheckedSocketFactory(String key) {
        EgressPolicy registered = key == null ? null : POLICIES.get(key);
        if (registered == null) {
            // fail closed: a connection without the check would be an unguarded one
            throw new IllegalStateException("no egress policy registered under the socket factory's key");
        }
        this.policy = registered;
    }

    /** Makes {@code policy} available to sockets made with the returned key. */
    static String register(EgressPolicy policy) {
        String key = UUID.randomUUID().toString();
        POLICIES.put(key, policy);
        return key;
    }

    static void unregister(String key) {
        POLICIES.remove(key);
    }

    @Override
    public Socket createSocket() {
        return new CheckedSocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = createSocket();
        socket.connect(address);
        return socket;
    }

    /** A plain socket whose connect is checked first; {@code connect(endpoint)} comes here too. */
    private static final class CheckedSocket extends Socket {

        private final EgressPolicy policy;

        CheckedSocket(EgressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                // a SOCKS proxy setting makes pgjdbc hand over names unresolved: the address is unknown
                throw new EgressRefusedException("'" + endpoint + "' is not resolved, so its address cannot be"
                        + " checked", null);
            }
            try {
                policy.check(URI.create("http://" + literal(inet.getAddress()) + ":" + inet.getPort()));
            } catch (EgressException refused) {
                // named by the host, not by the address it resolved to (ADR 010)
                throw new EgressRefusedException("'" + inet.getHostString() + "' resolves to an address this"
                        + " deployment does not call (checked when connecting)", refused);
            }
            super.connect(endpoint, timeout);
        }

        private static String literal(InetAddress address) {
            String text = address.getHostAddress();
            int scope = text.indexOf('%');
            if (scope >= 0) {
                text = text.substring(0, scope);
            }
            return address instanceof Inet6Address ? "[" + text + "]" : text;
        }
    }

    /** The connect was refused by the egress policy; the policy's refusal is the cause. */
    static final class EgressRefusedException extends IOException {

        EgressRefusedException(String message, EgressException cause) {
            super(message, cause);
        }
    }
}
