package dev.switchboard.executor.postgres;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the executor holds Postgres connections ({@code switchboard.executor.postgres.*}; ADR 013).
 * Checked at start so a typo fails the boot instead of every call.
 *
 * @param maxPoolSize connections per pool, one pool per connector and login: small, because a
 *     database's connection limit is shared with everything else that uses it
 * @param connectionIdle a connection unused this long is closed (the pool keeps none idle)
 * @param poolIdle a pool unused this long is closed as a whole (a login that is no longer used,
 *     a rotated password)
 * @param connectionWait longest wait for a free connection of a busy pool
 * @param maxRows rows a step may return when neither the step nor the connector says
 */
@ConfigurationProperties("switchboard.executor.postgres")
public record PostgresProperties(
        @DefaultValue("5") int maxPoolSize,
        @DefaultValue("60s") Duration connectionIdle,
        @DefaultValue("10m") Duration poolIdle,
        @DefaultValue("5s") Duration connectionWait,
        @DefaultValue("10000") int maxRows) {

    public PostgresProperties {
        require(maxPoolSize >= 1 && maxPoolSize <= 100, "max-pool-size must be between 1 and 100");
        // Hikari refuses an idle timeout under 10 s, and a wait under 250 ms
        require(connectionIdle.compareTo(Duration.ofSeconds(10)) >= 0, "connection-idle must be at least 10s");
        require(poolIdle.isPositive(), "pool-idle must be positive");
        require(connectionWait.compareTo(Duration.ofMillis(250)) >= 0, "connection-wait must be at least 250ms");
        require(maxRows >= 1 && maxRows <= 1_000_000, "max-rows must be between 1 and 1000000");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("switchboard.executor.postgres." + message);
        }
    }
}
