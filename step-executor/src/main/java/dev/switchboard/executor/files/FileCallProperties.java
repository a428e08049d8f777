package dev.switchboard.executor.files;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and pooling of FTP, FTPS and SFTP steps (ADR 014).
 *
 * @param maxFileBytes the largest file a get returns and a put writes, and the most a batch's gets
 *     return together (10 MiB, as an HTTP response)
 * @param maxOperations the most operations in one batch
 * @param maxSessionsPerLogin sessions open at once per connector and login; a call waits for one
 * @param idleTimeout a pooled session unused this long is logged out and closed
 * @param ftpsTrustStore a PKCS#12 or JKS file of the CAs FTPS servers are checked against; the JDK's
 *     when unset
 * @param ftpsTrustStorePassword its password, if it has one
 */
@ConfigurationProperties("switchboard.executor.files")
record FileCallProperties(@DefaultValue("10485760") long maxFileBytes, @DefaultValue("1000") int maxOperations,
        @DefaultValue("8") int maxSessionsPerLogin, @DefaultValue("30s") Duration idleTimeout, String ftpsTrustStore,
        String ftpsTrustStorePassword) {

    FileCallProperties {
        if (maxFileBytes < 1 || maxOperations < 1 || maxSessionsPerLogin < 1 || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("switchboard.executor.files: limits must be positive");
        }
    }
}
