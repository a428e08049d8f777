package dev.switchboard.executor.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Where and how a postgres connector connects, read from its registry snapshot: {@code baseUrl}
 * {@code postgres://host:port/db}, {@code sslmode}, {@code readOnly}, {@code maxRows}, and the
 * secret named by {@code auth} (type basic). {@code allowQueryTemplates} is the orchestrator's: the
 * templates are rendered there.
 *
 * @param host as written in the URL (an IPv6 address keeps its brackets)
 * @param database null for the login's own name (the server's default)
 * @param sslmode one of pgjdbc's (and libpq's) modes; {@code prefer} when the connector says none
 * @param maxRows the connector's ceiling on rows per step, or null for the executor's default
 */
record PostgresTarget(String host, int port, String database, String sslmode, boolean readOnly, Integer maxRows,
        String secret) {

    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final int DEFAULT_PORT = 5432;

    /** @throws InvalidTargetException naming the connector field at fault */
    static PostgresTarget of(String ref, JsonNode connector) {
        String baseUrl = connector.path("baseUrl").asString("");
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new InvalidTargetException(ref, "baseUrl is not a valid postgres:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgres") && !scheme.equals("postgresql") || uri.getHost() == null) {
            throw new InvalidTargetException(ref, "baseUrl must be postgres://host:port/database");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // connection options come from the connector's own fields only: a query here could set any
            // driver property (even the socket factory that checks egress)
            throw new InvalidTargetException(ref, "baseUrl takes no user, query or fragment; use the connector's"
                    + " auth and sslmode");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.isEmpty() || path.equals("/") ? null
                : URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
        if (database != null && database.contains("/")) {
            throw new InvalidTargetException(ref, "baseUrl's path is the database name, one segment");
        }
        String sslmode = connector.path("sslmode").asString("prefer");
        if (!SSL_MODES.contains(sslmode)) {
            throw new InvalidTargetException(ref, "sslmode must be one of " + SSL_MODES.stream().sorted().toList());
        }
        JsonNode auth = connector.path("auth");
        if (!"basic".equals(auth.path("type").asString("")) || !auth.path("secret").isString()) {
            throw new InvalidTargetException(ref, "a postgres connector logs in with auth {type: basic, secret}");
        }
        JsonNode maxRows = connector.get("maxRows");
        if (maxRows != null && !maxRows.isNull() && (!maxRows.isIntegralNumber() || maxRows.asInt() < 1
                || maxRows.asLong() > 1_000_000)) {
            throw new InvalidTargetException(ref, "maxRows must be a whole number from 1 to 1000000");
        }
        return new PostgresTarget(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, sslmode,
                connector.path("readOnly").asBoolean(false),
                maxRows == null || maxRows.isNull() ? null : maxRows.asInt(), auth.path("secret").asString());
    }

    /** The host as pgjdbc takes it: without IPv6 brackets. */
    String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A connector value the registry would refuse: the call fails with {@code INVALID_CONNECTOR_CONFIG}. */
    static final class InvalidTargetException extends RuntimeException {

        InvalidTargetException(String ref, String message) {
            super("connector '" + ref + "': " + message, null, false, false);
        }
    }
}
