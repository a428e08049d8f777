package dev.switchboard.executor.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.switchboard.contracts.registry.RegistryChange;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.executor.egress.EgressPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.jdbc.PreferQueryMode;
import org.springframework.stereotype.Component;

/**
 * One small HikariCP pool per postgres connector and login (a user's private secret is another
 * login, so it gets its own pool; ADR 013). A pool is made on first use, after one probe connection
 * that fails fast with the server's own error (a wrong password, an unknown database) instead of
 * Hikari's wait for a connection that never comes. It is retired when the registry says its
 * connector changed or was deleted, when getting a connection from it failed, or when nobody used
 * it for {@code pool-idle}; a retired pool takes no new calls and closes once its calls in flight
 * are done, so a connector edit never kills a running statement.
 */
@Component
class PostgresPools {

    private final PostgresProperties properties;
    private final MeterRegistry meters;
    private final String socketFactoryKey;
    private final Map<PoolKey, ConnectorPool> pools = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ThreadFactory threads = Thread.ofPlatform().daemon().name("postgres-pool-", 0).factory();
    private final AtomicLong sequence = new AtomicLong();

    PostgresPools(PostgresProperties properties, RegistryView registry, EgressPolicy egress, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.socketFactoryKey = EgressCheckedSocketFactory.register(egress);
        // one housekeeping thread for every pool (Hikari would start one per pool) and for our sweep
        ScheduledThreadPoolExecutor shared = new ScheduledThreadPoolExecutor(1, threads);
        shared.setRemoveOnCancelPolicy(true);
        this.scheduler = shared;
        long sweep = Math.max(1_000, Math.min(properties.poolIdle().toMillis() / 2, 60_000));
        scheduler.scheduleWithFixedDelay(this::retireIdle, sweep, sweep, TimeUnit.MILLISECONDS);
        if (registry != null) {
            registry.addListener(this::registryChanged);
        }
    }

    /**
     * A connection of the pool for {@code ref} and this login, made if needed; the caller closes it
     * (which gives it back) and then calls {@link Lease#close()}.
     *
     * @throws SQLException the probe's or the pool's failure: the server's error, or no free connection
     */
    Lease lease(String ref, PostgresTarget target, String user, String password) throws SQLException {
        PoolKey key = new PoolKey(ref, target, user, fingerprint(user, password));
        while (true) {
            ConnectorPool pool = pools.get(key);
            if (pool == null) {
                pool = create(key, target, user, password);
                ConnectorPool raced = pools.putIfAbsent(key, pool);
                if (raced != null) {
                    pool.retire();
                    pool = raced;
                }
            }
            if (!pool.enter()) {
                pools.remove(key, pool);
                continue;
            }
            try {
                return new Lease(pool, pool.data().getConnection());
            } catch (SQLException | RuntimeException e) {
                // the next call probes afresh (and fails fast) instead of waiting on this pool again
                pools.remove(key, pool);
                pool.retire();
                pool.leave();
                throw e;
            }
        }
    }

    /** The open pools of {@code ref}, for tests. */
    List<HikariDataSource> openPools(String ref) {
        return pools.entrySet().stream().filter(e -> e.getKey().ref().equals(ref)).map(e -> e.getValue().data())
                .toList();
    }

    private ConnectorPool create(PoolKey key, PostgresTarget target, String user, String password)
            throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {target.bareHost()});
        source.setPortNumbers(new int[] {target.port()});
        if (target.database() != null) {
            source.setDatabaseName(target.database());
        }
        source.setUser(user);
        source.setPassword(password);
        source.setSslmode(target.sslmode());
        if (target.sslmode().startsWith("verify")) {
            // verify against the JVM's trust store (javax.net.ssl.trustStore), not ~/.postgresql/root.crt
            source.setSslfactory("org.postgresql.ssl.DefaultJavaSSLFactory");
        }
        source.setSocketFactory(EgressCheckedSocketFactory.class.getName());
        source.setSocketFactoryArg(socketFactoryKey);
        // prepared statements use the extended protocol: one statement, parameters never in the text
        source.setPreferQueryMode(PreferQueryMode.EXTENDED_FOR_PREPARED);
        // strings are bound untyped, so "42" compares with an integer column and "2024-01-01" with a date
        source.setStringType("unspecified");
        source.setApplicationName("switchboard-executor");
        source.setTcpKeepAlive(true);
        int connectSeconds = (int) Math.max(1, Math.min(30, properties.connectionWait().toSeconds()));
        source.setConnectTimeout(connectSeconds);
        source.setLoginTimeout(connectSeconds);
        try (Connection probe = source.getConnection()) {
            probe.isValid(connectSeconds);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("postgres:" + key.ref() + "#" + sequence.incrementAndGet());
        config.setDataSource(source);
        config.setMaximumPoolSize(properties.maxPoolSize());
        config.setMinimumIdle(0);
        config.setIdleTimeout(properties.connectionIdle().toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.setConnectionTimeout(properties.connectionWait().toMillis());
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(false);
        // pgjdbc then opens every transaction with BEGIN READ ONLY
        config.setReadOnly(target.readOnly());
        config.setScheduledExecutor(scheduler);
        config.setThreadFactory(threads);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        return new ConnectorPool(new HikariDataSource(config), scheduler);
    }

    private void registryChanged(RegistryChange change) {
        if (change.kind() == RegistryChange.Kind.CONNECTOR) {
            retireAll(change.key().substring("connector:".length()));
        }
    }

    /** Retires every pool of {@code ref}: its connection settings or logins may have changed. */
    void retireAll(String ref) {
        pools.forEach((key, pool) -> {
            if (key.ref().equals(ref) && pools.remove(key, pool)) {
                pool.retire();
            }
        });
    }

    private void retireIdle() {
        long idleSince = System.nanoTime() - properties.poolIdle().toNanos();
        pools.forEach((key, pool) -> {
            if (pool.unusedSince(idleSince) && pools.remove(key, pool)) {
                pool.retire();
            }
        });
    }

    @PreDestroy
    void close() {
        pools.forEach((key, pool) -> {
            pools.remove(key, pool);
            pool.data().close();
        });
        scheduler.shutdownNow();
        EgressCheckedSocketFactory.unregister(socketFactoryKey);
    }

    /** The password is kept only as a hash, so two logins share no pool and no key shows it. */
    private static String fingerprint(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connector's pool is known by everything it connects with: any change makes another pool. */
    private record PoolKey(String ref, PostgresTarget target, String user, String loginHash) {
    }

    /** A connection taken from a pool; close the connection first, then the lease. */
    record Lease(ConnectorPool pool, Connection connection) implements AutoCloseable {

        @Override
        public void close() {
            pool.leave();
        }
    }

    /** A pool, with how many calls use it; retired, it closes when the last one is done. */
    static final class ConnectorPool {

        private final HikariDataSource data;
        private final ScheduledExecutorService closer;
        private int users;
        private boolean retired;
        private long lastUsed = System.nanoTime();

        ConnectorPool(HikariDataSource data, ScheduledExecutorService closer) {
            this.data = data;
            this.closer = closer;
        }

        HikariDataSource data() {
            return data;
        }

        synchronized boolean enter() {
            if (retired) {
                return false;
            }
            users++;
            lastUsed = System.nanoTime();
            return true;
        }

        synchronized void leave() {
            users--;
            lastUsed = System.nanoTime();
            if (retired && users == 0) {
                closeLater();
            }
        }

        synchronized void retire() {
            if (!retired) {
                retired = true;
                if (users == 0) {
                    closeLater();
                }
            }
        }

        synchronized boolean unusedSince(long nanos) {
            return users == 0 && lastUsed - nanos < 0;
        }

        /** Off the caller's thread: Hikari's shutdown waits for its helper threads to end. */
        private void closeLater() {
            try {
                closer.execute(data::close);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                data.close();
            }
        }
    }
}
