package dev.switchboard.executor.files;

import dev.switchboard.executor.egress.EgressException;
import dev.switchboard.executor.egress.EgressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.SocketFactory;

/**
 * The HTTP steps' SSRF rules (ADR 010) for file servers. {@link EgressPolicy#check(URI)} judges
 * http(s) URLs, so the host is put in one to be judged; the address actually dialled is judged
 * again as an IP literal — by {@link #dialable} for SFTP, which connects to the address it returns,
 * and in {@link #socketFactory}'s connect for FTP — so a DNS answer that changes in between
 * (rebinding) cannot slip through.
 */
final class EgressGate {

    private final EgressPolicy policy;

    EgressGate(EgressPolicy policy) {
        this.policy = policy;
    }

    /**
     * The readable refusal, naming the host.
     *
     * @throws FileCallException {@code EGRESS_DENIED} or {@code HOST_NOT_FOUND}
     */
    void checkHost(String host) {
        try {
            policy.check(URI.create("https://" + literal(host)));
        } catch (EgressException e) {
            throw new FileCallException(e.code(), e.getMessage(), false);
        }
    }

    /** An allowed address of {@code host} to connect to. */
    InetSocketAddress dialable(String host, int port) {
        checkHost(host);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new FileCallException("HOST_NOT_FOUND", "the host '" + host + "' does not resolve", false);
        }
        checkDialled(host, address);
        return new InetSocketAddress(address, port);
    }

    /** Sockets that refuse, at connect, an address the policy does not allow. */
    SocketFactory socketFactory(String host) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new GuardedSocket(host);
            }

            @Override
            public Socket createSocket(String h, int port) throws IOException {
                return connected(new InetSocketAddress(h, port), null);
            }

            @Override
            public Socket createSocket(String h, int port, InetAddress local, int localPort) throws IOException {
                return connected(new InetSocketAddress(h, port), new InetSocketAddress(local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress address, int port) throws IOException {
                return connected(new InetSocketAddress(address, port), null);
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
                    throws IOException {
                return connected(new InetSocketAddress(address, port), new InetSocketAddress(local, localPort));
            }

            private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
                Socket socket = createSocket();
                if (local != null) {
                    socket.bind(local);
                }
                socket.connect(remote);
                return socket;
            }
        };
    }

    /** The message names the host, never the address it resolved to (ADR 010). */
    private void checkDialled(String host, InetAddress address) {
        try {
            policy.check(URI.create("https://" + literal(address.getHostAddress())));
        } catch (EgressException e) {
            throw new FileCallException(e.code(), "'" + host + "' resolves to an address this deployment does not"
                    + " call", false);
        }
    }

    private static String literal(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Refused at connect: an IOException, as the client expects, carrying our refusal. */
    static final class Refused extends IOException {

        private final transient FileCallException refusal;

        Refused(FileCallException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }

        FileCallException refusal() {
            return refusal;
        }
    }

    private final class GuardedSocket extends Socket {

        private final String host;

        GuardedSocket(String host) {
            this.host = host;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new Refused(new FileCallException("HOST_NOT_FOUND", "the host '" + host + "' does not resolve",
                        false));
            }
            try {
                checkDialled(host, inet.getAddress());
            } catch (FileCallException refused) {
                throw new Refused(refused);
            }
            super.connect(endpoint, timeout);
        }
    }
}
