package dev.switchboard.executor.files;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.executor.call.ConnectorLogin;
import dev.switchboard.executor.call.SecretPlaceholders;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a file step goes and as whom, read from the connector at call time: {@code baseUrl}
 * ({@code ftp://}, {@code ftps://} or {@code sftp://host:port/base}), the login from
 * {@code auth.secret}, and for SFTP the {@code knownHosts} lines and {@code hostKeyCheck}.
 *
 * @param scheme ftp, ftps or sftp
 * @param knownHosts OpenSSH known_hosts lines, or null
 * @param hostKeyCheck false only when the connector says so explicitly
 */
record FileServer(String connectorRef, String scheme, String host, int port, String basePath, Login login,
        String knownHosts, boolean hostKeyCheck) {

    private static final JsonMapper READER = JsonMapper.builder().build();

    /**
     * @param privateKey an SFTP login's key text (OpenSSH or PEM), else null; then {@code password}
     */
    record Login(String username, String password, String privateKey) {

        /**
         * Tells logins apart in the pool without keeping their secret in its keys: two users with
         * private secrets of one name never share a session, and a rotated password opens a new one.
         */
        String fingerprint() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update((username + "\0" + (privateKey != null ? "key\0" + privateKey : "pw\0" + password))
                        .getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    boolean ftps() {
        return scheme.equals("ftps");
    }

    /** Implicit TLS on the port IANA gives it (990); explicit {@code AUTH TLS} on any other (ADR 014). */
    boolean implicitTls() {
        return ftps() && port == 990;
    }

    /** {@code scheme://host:port}, the server a session is for. */
    String endpoint() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The connector's server and login. The secret is resolved here, before any connection, so a
     * missing one fails the step with nothing sent.
     *
     * @throws FileCallException {@code INVALID_CONNECTOR_CONFIG} for a connector the registry would
     *     refuse (a wrong scheme, an auth type a file server cannot use)
     */
    static FileServer read(String ref, JsonNode connector, StepKind kind, SecretPlaceholders placeholders) {
        String baseUrl = connector.path("baseUrl").asString("");
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw config(ref, "baseUrl is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean fits = kind == StepKind.SFTP ? scheme.equals("sftp") : scheme.equals("ftp") || scheme.equals("ftps");
        if (!fits || uri.getHost() == null) {
            throw config(ref, "baseUrl must be " + (kind == StepKind.SFTP ? "sftp://host[:port]/base"
                    : "ftp:// or ftps://host[:port]/base") + " for a " + kind.wire() + " connector");
        }
        if (uri.getRawUserInfo() != null) {
            throw config(ref, "baseUrl must not carry a login; name a secret in auth.secret");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("sftp") ? 22 : 21;
        JsonNode check = connector.path("hostKeyCheck");
        return new FileServer(ref, scheme, host, port, RemotePath.base(uri.getPath()),
                login(ref, connector.path("auth"), kind, placeholders),
                connector.path("knownHosts").isString() ? connector.get("knownHosts").asString() : null,
                !(check.isBoolean() && !check.asBoolean()));
    }

    private static Login login(String ref, JsonNode auth, StepKind kind, SecretPlaceholders placeholders) {
        String type = auth.path("type").asString("none");
        if (type.equals("none")) {
            if (kind == StepKind.SFTP) {
                throw config(ref, "an sftp connector needs auth basic with a secret holding {username, password}"
                        + " or {username, privateKey}");
            }
            // RFC 1635: an FTP server without a login takes anonymous
            return new Login("anonymous", "anonymous@", null);
        }
        if (!type.equals("basic") || !auth.path("secret").isString()) {
            throw config(ref, "a file server logs in with auth basic and a secret; auth.type '" + type
                    + "' does not apply");
        }
        String secret = auth.get("secret").asString();
        if (kind == StepKind.SFTP && holdsPrivateKey(placeholders.value(secret))) {
            ObjectNode login = ConnectorLogin.read(placeholders, secret, "username", "privateKey");
            return new Login(login.get("username").asString(), null, login.get("privateKey").asString());
        }
        ObjectNode login = ConnectorLogin.read(placeholders, secret, "username", "password");
        return new Login(login.get("username").asString(), login.get("password").asString(), null);
    }

    private static boolean holdsPrivateKey(String raw) {
        try {
            JsonNode value = READER.readTree(raw);
            return value.isObject() && (value.has("privateKey") || value.has("private_key"));
        } catch (JacksonException notJson) {
            return false;
        }
    }

    private static FileCallException config(String ref, String message) {
        return new FileCallException("INVALID_CONNECTOR_CONFIG", "connector '" + ref + "': " + message, false);
    }
}
