package dev.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on loopback, serving a temporary directory, with one user
 * who may log in with a password or with a private key. It counts connections and logins so tests
 * can tell whether a session was reused or nothing was contacted.
 */
public final class TestSftpServer implements AutoCloseable {

    public static final String USER = "svc-files";
    public static final String PASSWORD = "sftp-pa55word-value";

    public final Path root;
    public final KeyPair hostKey = ecKeyPair();
    public final KeyPair userKey = ecKeyPair();
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger logins = new AtomicInteger();
    private final SshServer server;

    public TestSftpServer() {
        this(null);
    }

    /** A server serving {@code directory} (null: a new temporary one), e.g. one shared with another server. */
    public TestSftpServer(Path directory) {
        try {
            this.root = directory != null ? directory : Files.createTempDirectory("sftp-root");
            server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            server.setPasswordAuthenticator((user, password, session) -> USER.equals(user)
                    && PASSWORD.equals(password));
            server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                    && KeyUtils.compareKeys(key, userKey.getPublic()));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root));
            server.addSessionListener(new SessionListener() {
                @Override
                public void sessionCreated(Session session) {
                    connections.incrementAndGet();
                }

                @Override
                public void sessionEvent(Session session, Event event) {
                    // once per login: a key login asks the authenticator twice (a probe, then signed)
                    if (event == Event.Authenticated) {
                        logins.incrementAndGet();
                    }
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** SSH sessions open on the server now. */
    public int openSessions() {
        return server.getActiveSessions().size();
    }

    /** The server's known_hosts line, as {@code ssh-keyscan -p PORT 127.0.0.1} would print it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** The user's private key in OpenSSH's format, as {@code ssh-keygen} writes it. */
    public String userPrivateKey() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "svc-files", null, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path file(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException ignored) {
            // the JVM ends anyway
        }
    }
}
