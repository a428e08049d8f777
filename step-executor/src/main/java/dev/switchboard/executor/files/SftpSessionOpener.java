package dev.switchboard.executor.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Iterator;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens SFTP sessions with Apache MINA SSHD (ADR 014): one SSH client for the executor, nothing read
 * from the machine's {@code ~/.ssh} (no default keys, no config, no known_hosts file), the host key
 * checked against the connector's {@code knownHosts} ({@link HostKeyCheck}, carried with each
 * connection), a password or private-key login, and the address dialled checked by the egress policy.
 */
final class SftpSessionOpener implements SessionOpener, AutoCloseable {

    private static final AttributeRepository.AttributeKey<HostKeyCheck> HOST_KEY_CHECK =
            new AttributeRepository.AttributeKey<>();

    private final EgressGate egress;
    private final SshClient client;

    SftpSessionOpener(EgressGate egress) {
        this.egress = egress;
        this.client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, remote, key) -> {
            HostKeyCheck check = session.getConnectionContext() == null ? null
                    : session.getConnectionContext().getAttribute(HOST_KEY_CHECK);
            return check != null && check.accepts(key);
        });
        client.start();
    }

    @Override
    public FileSession open(FileServer server, Duration timeout) {
        HostKeyCheck hostKeys = HostKeyCheck.of(server);
        KeyPair identity = server.login().privateKey() == null ? null : identity(server.login().privateKey());
        InetSocketAddress address = egress.dialable(server.host(), server.port());
        ClientSession session;
        try {
            session = client.connect(server.login().username(), address,
                    AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, hostKeys), null).verify(timeout).getSession();
        } catch (IOException e) {
            throw FileCallException.connect("could not reach " + server.host() + ":" + server.port() + ": "
                    + rootMessage(e));
        }
        try {
            if (identity != null) {
                session.addPublicKeyIdentity(identity);
            } else {
                session.addPasswordIdentity(server.login().password());
            }
            session.auth().verify(timeout);
        } catch (IOException e) {
            session.close(true);
            if (hostKeys.refusal() != null) {
                throw new FileCallException("HOST_KEY_REJECTED", hostKeys.refusal(), false);
            }
            if (isConnectFailure(e)) {
                throw FileCallException.connect("the connection to " + server.host() + ":" + server.port()
                        + " failed before login: " + rootMessage(e));
            }
            throw new FileCallException("AUTH_FAILED", "the SFTP server refused the login of '"
                    + server.login().username() + "' (" + (identity != null ? "private key" : "password") + "): "
                    + rootMessage(e), false);
        }
        try {
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpSession(session, sftp);
        } catch (IOException e) {
            session.close(true);
            throw new FileCallException("FILE_ERROR", "the SFTP subsystem of " + server.host() + " did not open: "
                    + rootMessage(e), false);
        }
    }

    @Override
    public void close() {
        client.stop();
    }

    private static KeyPair identity(String privateKey) {
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("privateKey"),
                    new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8)), null);
            Iterator<KeyPair> first = pairs == null ? null : pairs.iterator();
            if (first != null && first.hasNext()) {
                return first.next();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the parser's words may quote the key: they are not passed on
        }
        throw new FileCallException("INVALID_SECRET", "the secret's privateKey is not an unencrypted OpenSSH or PEM"
                + " private key", false);
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
