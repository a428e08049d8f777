package dev.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * A real FTP server (Apache FtpServer) on loopback with two listeners: plain FTP, and FTPS with
 * explicit TLS ({@code AUTH TLS}, a self-signed certificate for 127.0.0.1 in test resources). One
 * user, and a second one for whom the server, as careless servers do, quotes the refused password
 * in its 530 reply: the executor must mask it. Counts connections, logins and open sessions.
 */
public final class TestFtpServer implements AutoCloseable {

    public static final String USER = "svc-ftp";
    public static final String PASSWORD = "ftp-pa55word-value";
    /** Logging in as this user gets a 530 that quotes the password given. */
    public static final String ECHO_USER = "echo-user";

    public final Path root;
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger logins = new AtomicInteger();
    public final AtomicInteger open = new AtomicInteger();
    private final FtpServer server;

    public TestFtpServer() {
        this(null);
    }

    /** A server serving {@code directory} (null: a new temporary one), e.g. one shared with another server. */
    public TestFtpServer(Path directory) {
        try {
            this.root = directory != null ? directory : Files.createTempDirectory("ftp-root");
            FtpServerFactory factory = new FtpServerFactory();
            factory.addListener("default", listener(null));
            SslConfigurationFactory tls = new SslConfigurationFactory();
            tls.setKeystoreFile(resource("files/ftps-server.p12"));
            tls.setKeystorePassword("changeit");
            tls.setKeystoreType("PKCS12");
            factory.addListener("ftps", listener(tls.createSslConfiguration()));
            PropertiesUserManagerFactory userFactory = new PropertiesUserManagerFactory();
            userFactory.setPasswordEncryptor(new ClearTextPasswordEncryptor());
            UserManager users = userFactory.createUserManager();
            for (String name : List.of(USER, ECHO_USER)) {
                BaseUser user = new BaseUser();
                user.setName(name);
                user.setPassword(PASSWORD);
                user.setHomeDirectory(root.toString());
                user.setAuthorities(List.of(new WritePermission(), new ConcurrentLoginPermission(0, 0)));
                users.save(user);
            }
            factory.setUserManager(users);
            ConnectionConfigFactory connections = new ConnectionConfigFactory();
            connections.setMaxLogins(200);
            connections.setLoginFailureDelay(0);
            connections.setAnonymousLoginEnabled(false);
            factory.setConnectionConfig(connections.createConnectionConfig());
            // mutable: the server clears it when it stops
            factory.setFtplets(new HashMap<>(Map.of("counter", new Counter())));
            server = factory.createServer();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FtpException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.apache.ftpserver.listener.Listener listener(SslConfiguration tls) {
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        if (tls != null) {
            listener.setSslConfiguration(tls);
            listener.setImplicitSsl(false);
            data.setSslConfiguration(tls);
        }
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        return listener.createListener();
    }

    /** A resource of this jar as a file, which FtpServer's TLS settings want: copied out once. */
    private static File resource(String name) {
        try (var in = TestFtpServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            java.nio.file.Path copy = java.nio.file.Files.createTempFile("test-ftp-", "-" + name.replace('/', '-'));
            java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            return copy.toFile();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return ((DefaultFtpServer) server).getListener("default").getPort();
    }

    public int ftpsPort() {
        return ((DefaultFtpServer) server).getListener("ftps").getPort();
    }

    public Path file(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Counter extends DefaultFtplet {

        @Override
        public FtpletResult onConnect(FtpSession session) {
            connections.incrementAndGet();
            open.incrementAndGet();
            return FtpletResult.DEFAULT;
        }

        @Override
        public FtpletResult onDisconnect(FtpSession session) {
            open.decrementAndGet();
            return FtpletResult.DEFAULT;
        }

        @Override
        public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
            if ("PASS".equals(request.getCommand()) && ECHO_USER.equals(session.getUserArgument())) {
                session.write(new DefaultFtpReply(530, "Login incorrect: password '" + request.getArgument()
                        + "' refused"));
                return FtpletResult.SKIP;
            }
            return super.beforeCommand(session, request);
        }

        @Override
        public FtpletResult onLogin(FtpSession session, FtpRequest request) {
            logins.incrementAndGet();
            return FtpletResult.DEFAULT;
        }
    }
}
