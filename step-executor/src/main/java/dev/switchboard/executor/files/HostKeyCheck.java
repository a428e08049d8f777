package dev.switchboard.executor.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Whether an SFTP server's host key is the one the connector expects: a {@code knownHosts} line for
 * the connector's host and port (OpenSSH's format: {@code host}, {@code [host]:port}, patterns,
 * hashed names, {@code @revoked}) with the same key. An unknown or changed key is refused, unless
 * the connector says {@code hostKeyCheck: false}; the refusal names the key's SHA-256 fingerprint
 * so it can be compared with the server's own. One check per connection: it remembers why it
 * refused, since the SSH client reports only that it did.
 */
final class HostKeyCheck {

    private final String host;
    private final int port;
    private final boolean enabled;
    private final List<KnownHostEntry> entries;
    private final AtomicReference<String> refusal = new AtomicReference<>();

    private HostKeyCheck(String host, int port, boolean enabled, List<KnownHostEntry> entries) {
        this.host = host;
        this.port = port;
        this.enabled = enabled;
        this.entries = entries;
    }

    /** @throws FileCallException {@code INVALID_CONNECTOR_CONFIG} for knownHosts that do not parse */
    static HostKeyCheck of(FileServer server) {
        if (!server.hostKeyCheck()) {
            return new HostKeyCheck(server.host(), server.port(), false, List.of());
        }
        List<KnownHostEntry> entries = List.of();
        if (server.knownHosts() != null) {
            try {
                entries = KnownHostEntry.readKnownHostEntries(new BufferedReader(new StringReader(server.knownHosts())));
                for (KnownHostEntry entry : entries) {
                    if (entry.getKeyEntry() == null) {
                        throw new IllegalArgumentException("a line has no key: " + entry.getConfigLine());
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new FileCallException("INVALID_CONNECTOR_CONFIG", "connector '" + server.connectorRef()
                        + "': knownHosts are not OpenSSH known_hosts lines: " + e.getMessage(), false);
            }
        }
        return new HostKeyCheck(server.host(), server.port(), true, List.copyOf(entries));
    }

    boolean accepts(PublicKey key) {
        if (!enabled) {
            return true;
        }
        String fingerprint = KeyUtils.getFingerPrint(key);
        String where = port == 22 ? host : "[" + host + "]:" + port;
        boolean listed = false;
        for (KnownHostEntry entry : entries) {
            if (!entry.isHostMatch(host, port)) {
                continue;
            }
            boolean same = Objects.equals(fingerprint, fingerprint(entry));
            if ("revoked".equals(entry.getMarker())) {
                if (same) {
                    refusal.set("the server's " + KeyUtils.getKeyType(key) + " key " + fingerprint + " for " + where
                            + " is marked @revoked in the connector's knownHosts");
                    return false;
                }
                continue;
            }
            if (entry.getMarker() != null) {
                // @cert-authority: host certificates are not supported, so it vouches for nothing
                continue;
            }
            if (same) {
                return true;
            }
            listed = true;
        }
        refusal.set(listed
                ? "the server's " + KeyUtils.getKeyType(key) + " key " + fingerprint + " does not match the"
                        + " connector's knownHosts for " + where + ": the key changed, or someone is in between"
                : "the server's " + KeyUtils.getKeyType(key) + " key " + fingerprint + " for " + where
                        + " is not in the connector's knownHosts; add the server's known_hosts line (ssh-keyscan"
                        + (port == 22 ? "" : " -p " + port) + " " + host + "), or set hostKeyCheck: false to accept"
                        + " any key");
        return false;
    }

    /** Why the last key was refused, or null when none was. */
    String refusal() {
        return refusal.get();
    }

    private static String fingerprint(KnownHostEntry entry) {
        try {
            PublicKey listed = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            return listed == null ? null : KeyUtils.getFingerPrint(listed);
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }
}
