package dev.switchboard.registry.connector;

import java.util.List;
import java.util.Map;

/**
 * A connector as users write it (ARCHITECTURE §4). {@code version} is only read on updates, for
 * optimistic locking; it is not part of what is stored as the definition. {@code knownHosts} and
 * {@code hostKeyCheck} are for sftp connectors; {@code readOnly}, {@code sslmode},
 * {@code allowQueryTemplates} (templates inside SQL text, refused unless set) and {@code maxRows}
 * for postgres ones.
 */
public record ConnectorDefinition(
        String namespace,
        String name,
        String description,
        String type,
        String baseUrl,
        AuthConfig auth,
        Map<String, String> headers,
        Integer timeoutMs,
        RetryPolicy retry,
        RateLimit rateLimit,
        String knownHosts,
        Boolean hostKeyCheck,
        Boolean readOnly,
        String sslmode,
        Boolean allowQueryTemplates,
        Integer maxRows,
        List<OperationDefinition> operations,
        Long version) {

    public String ref() {
        return namespace + "/" + name;
    }

    public List<OperationDefinition> operationsOrEmpty() {
        return operations == null ? List.of() : operations;
    }

    ConnectorDefinition withoutVersion() {
        return new ConnectorDefinition(namespace, name, description, type, baseUrl, auth, headers, timeoutMs, retry,
                rateLimit, knownHosts, hostKeyCheck, readOnly, sslmode, allowQueryTemplates,
                maxRows, operations, null);
    }

    ConnectorDefinition withIdentity(String namespace, String name) {
        return new ConnectorDefinition(namespace, name, description, type, baseUrl, auth, headers, timeoutMs, retry,
                rateLimit, knownHosts, hostKeyCheck, readOnly, sslmode, allowQueryTemplates,
                maxRows, operations, version);
    }

    ConnectorDefinition withOperations(List<OperationDefinition> operations) {
        return new ConnectorDefinition(namespace, name, description, type, baseUrl, auth, headers, timeoutMs, retry,
                rateLimit, knownHosts, hostKeyCheck, readOnly, sslmode, allowQueryTemplates,
                maxRows, operations, version);
    }

    /**
     * How the executor authenticates. {@code secret} names a secret; the value never lives here.
     * {@code header} is the header for bearer/api_key/forward_token, {@code position} and
     * {@code paramName} place an api_key in the query, {@code tokenUrl} and {@code scopes} are for
     * oauth2_client_credentials.
     */
    public record AuthConfig(String type, String secret, String header, String position, String paramName,
            String tokenUrl, List<String> scopes) {
    }

    /** Retries of one call: attempts in all, first back-off (doubling), statuses retried besides 429/5xx. */
    public record RetryPolicy(Integer maxAttempts, Long backoffMs, List<Integer> retryOn) {
    }

    public record RateLimit(Double perSecond) {
    }
}
