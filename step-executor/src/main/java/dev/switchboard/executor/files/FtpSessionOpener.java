package dev.switchboard.executor.files;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Opens FTP and FTPS sessions with Apache Commons Net (ADR 014): passive mode, binary transfers,
 * UTF-8 names. FTPS is explicit ({@code AUTH TLS}) unless the port is 990 (implicit), with the
 * server's certificate checked against the trust store and its name against the host, and the data
 * connections private ({@code PROT P}). Data connections go to the control connection's address,
 * never to the one a PASV reply names, so a server cannot point the executor elsewhere; the control
 * connection's address is checked by the egress policy at connect.
 */
final class FtpSessionOpener implements SessionOpener {

    private final EgressGate egress;
    private final SSLContext tls;

    FtpSessionOpener(EgressGate egress, FileCallProperties properties) {
        this.egress = egress;
        this.tls = tlsContext(properties);
    }

    @Override
    public FileSession open(FileServer server, Duration timeout) {
        egress.checkHost(server.host());
        FTPClient client = server.ftps() ? new FTPSClient(server.implicitTls(), tls) : new FTPClient();
        if (client instanceof FTPSClient ftps) {
            ftps.setEndpointCheckingEnabled(true);
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        client.setSocketFactory(egress.socketFactory(server.host()));
        client.setConnectTimeout(millis);
        client.setDefaultTimeout(millis);
        client.setDataTimeout(timeout);
        client.setControlEncoding(StandardCharsets.UTF_8.name());
        client.setIpAddressFromPasvResponse(false);
        try {
            connect(client, server);
            login(client, server);
            client.setSoTimeout(millis);
            if (client instanceof FTPSClient ftps) {
                ftps.execPBSZ(0);
                ftps.execPROT("P");
            }
            if (!client.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw new FileCallException("FILE_ERROR", "the FTP server refused binary mode: " + reply(client),
                        false);
            }
            client.enterLocalPassiveMode();
            return new FtpSession(client, client.hasFeature("MLST"));
        } catch (EgressGate.Refused e) {
            quietly(client);
            throw e.refusal();
        } catch (SSLException e) {
            quietly(client);
            throw new FileCallException("TLS_FAILED", "TLS with " + server.host() + " failed: " + e.getMessage(),
                    false);
        } catch (FileCallException e) {
            quietly(client);
            throw e;
        } catch (IOException e) {
            quietly(client);
            throw new FileCallException("FILE_ERROR", "the FTP session with " + server.host() + " failed: "
                    + e.getMessage(), false);
        }
    }

    private static void connect(FTPClient client, FileServer server) {
        try {
            client.connect(server.host(), server.port());
        } catch (EgressGate.Refused e) {
            throw e.refusal();
        } catch (UnknownHostException e) {
            throw new FileCallException("HOST_NOT_FOUND", "the host '" + server.host() + "' does not resolve", false);
        } catch (SSLException e) {
            throw new FileCallException("TLS_FAILED", "TLS with " + server.host() + " failed: " + e.getMessage(),
                    false);
        } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
            throw FileCallException.connect("could not reach " + server.host() + ":" + server.port() + ": "
                    + e.getMessage());
        } catch (IOException e) {
            // a connection dropped before the greeting, or AUTH TLS refused
            throw FileCallException.connect("could not open an FTP session with " + server.host() + ":"
                    + server.port() + ": " + e.getMessage());
        }
        if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
            // 421: too many users or shutting down, which passes
            throw FileCallException.connect("the FTP server " + server.host() + " turned the connection away: "
                    + reply(client));
        }
    }

    private static void login(FTPClient client, FileServer server) throws IOException {
        if (!client.login(server.login().username(), server.login().password())) {
            throw new FileCallException("AUTH_FAILED", "the FTP server refused the login of '"
                    + server.login().username() + "': " + reply(client), false);
        }
    }

    static String reply(FTPClient client) {
        String reply = client.getReplyString();
        return reply == null ? "no answer" : reply.strip();
    }

    private static void quietly(FTPClient client) {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static SSLContext tlsContext(FileCallProperties properties) {
        try {
            KeyStore trusted = null;
            if (properties.ftpsTrustStore() != null && !properties.ftpsTrustStore().isBlank()) {
                char[] password = properties.ftpsTrustStorePassword() == null ? null
                        : properties.ftpsTrustStorePassword().toCharArray();
                trusted = KeyStore.getInstance(Path.of(properties.ftpsTrustStore()).toFile(), password);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("switchboard.executor.files.ftps-trust-store could not be read: "
                    + e.getMessage(), e);
        }
    }
}
