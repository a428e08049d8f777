package dev.switchboard.executor.files;

import dev.switchboard.contracts.registry.RegistryChange;
import dev.switchboard.contracts.registry.RegistryView;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Logged-in file-server sessions, pooled per connector and login (commons-pool2; ADR 014), so a
 * looped step logs in once per session rather than once per item. A session idle for
 * {@code idleTimeout} is closed; one handed out again is checked first ({@link FileSession#usable});
 * one that failed is closed instead of returned. When the registry announces a change or delete of
 * a connector, its sessions are closed: idle ones at once, busy ones when their call ends.
 */
@Component
class FileSessions implements AutoCloseable {

    private final GenericKeyedObjectPool<Key, FileSession> pool;
    /** A connector's generation moves on with each change, so its old sessions are never handed out. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final Map<Key, Opening> openings = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();

    @Autowired
    FileSessions(FileCallProperties properties, RegistryView registry) {
        this(properties);
        registry.addListener(this::onRegistryChange);
    }

    FileSessions(FileCallProperties properties) {
        GenericKeyedObjectPoolConfig<FileSession> config = new GenericKeyedObjectPoolConfig<>();
        config.setMaxTotalPerKey(properties.maxSessionsPerLogin());
        config.setMaxIdlePerKey(properties.maxSessionsPerLogin());
        config.setMaxTotal(-1);
        config.setBlockWhenExhausted(true);
        // the most recently used session goes out first, so the spare ones age out when load drops
        config.setLifo(true);
        config.setTestOnBorrow(true);
        config.setMinEvictableIdleDuration(properties.idleTimeout());
        Duration sweep = properties.idleTimeout().dividedBy(4);
        config.setTimeBetweenEvictionRuns(sweep.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50)
                : sweep.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : sweep);
        config.setNumTestsPerEvictionRun(-1);
        config.setJmxEnabled(false);
        this.pool = new GenericKeyedObjectPool<>(new Factory(), config);
    }

    /**
     * A session to {@code server} as its login, from the pool or newly opened, for one call.
     *
     * @param timeout for connecting, and for waiting when every session of this login is busy
     * @throws FileCallException from the opener, or {@code TIMEOUT} when no session was free in time
     */
    Lease lease(FileServer server, SessionOpener opener, Duration timeout) {
        String ref = server.connectorRef();
        Key key = new Key(ref, generations.getOrDefault(ref, 0L), server.endpoint(), server.login().fingerprint());
        openings.put(key, new Opening(server, opener, timeout));
        try {
            return new Lease(key, pool.borrowObject(key, timeout));
        } catch (FileCallException e) {
            throw e;
        } catch (NoSuchElementException e) {
            throw new FileCallException("TIMEOUT", "no session to " + server.host() + " was free within "
                    + timeout.toMillis() + " ms (switchboard.executor.files.max-sessions-per-login)", false);
        } catch (Exception e) {
            throw new FileCallException("CONNECTION_FAILED", "could not open a session to " + server.host() + ": "
                    + e.getMessage(), true);
        }
    }

    /**
     * Closes the connector's sessions: none is handed out from now on; idle ones are logged out on a
     * virtual thread (a QUIT per session must not hold up the registry view's thread), busy ones when
     * they are returned.
     */
    void closeConnector(String ref) {
        generations.merge(ref, 1L, Long::sum);
        List<Key> keys = pool.getKeys().stream().filter(key -> key.connectorRef().equals(ref)).toList();
        if (keys.isEmpty()) {
            return;
        }
        keys.forEach(openings::remove);
        Thread.ofVirtual().name("file-sessions-close").start(() -> keys.forEach(pool::clear));
    }

    /** Sessions opened since start (logins made): for tests and benchmarks. */
    long opened() {
        return opened.get();
    }

    /** Sessions open now, idle or in use. */
    int open() {
        return pool.getNumIdle() + pool.getNumActive();
    }

    private void onRegistryChange(RegistryChange change) {
        if (change.kind() == RegistryChange.Kind.CONNECTOR && change.key().startsWith("connector:")) {
            closeConnector(change.key().substring("connector:".length()));
        }
    }

    @Override
    @PreDestroy
    public void close() {
        pool.close();
    }

    /** A session lent to one call; closing it returns the session, or drops it if it failed. */
    final class Lease implements AutoCloseable {

        private final Key key;
        private final FileSession session;
        private boolean broken;

        private Lease(Key key, FileSession session) {
            this.key = key;
            this.session = session;
        }

        FileSession session() {
            return session;
        }

        /** The connection failed or is in a state we cannot vouch for: do not hand it out again. */
        void broken() {
            broken = true;
        }

        @Override
        public void close() {
            boolean stale = !Objects.equals(generations.getOrDefault(key.connectorRef(), 0L), key.generation());
            try {
                if (broken || stale) {
                    pool.invalidateObject(key, session);
                } else {
                    pool.returnObject(key, session);
                }
            } catch (Exception e) {
                session.close();
            }
        }
    }

    /** What tells sessions apart; the login only as a digest, so no secret sits in the pool's keys. */
    private record Key(String connectorRef, long generation, String endpoint, String loginFingerprint) {
    }

    /** How to open a session for a key: the latest caller's server, opener and timeout. */
    private record Opening(FileServer server, SessionOpener opener, Duration timeout) {
    }

    private final class Factory extends BaseKeyedPooledObjectFactory<Key, FileSession> {

        @Override
        public FileSession create(Key key) {
            Opening opening = openings.get(key);
            if (opening == null) {
                throw new FileCallException("CONNECTION_FAILED", "the connector changed while connecting", true);
            }
            FileSession session = opening.opener().open(opening.server(), opening.timeout());
            opened.incrementAndGet();
            return session;
        }

        @Override
        public PooledObject<FileSession> wrap(FileSession session) {
            return new DefaultPooledObject<>(session);
        }

        @Override
        public boolean validateObject(Key key, PooledObject<FileSession> pooled) {
            return pooled.getObject().usable(pooled.getIdleDuration());
        }

        @Override
        public void destroyObject(Key key, PooledObject<FileSession> pooled,
                org.apache.commons.pool2.DestroyMode mode) {
            pooled.getObject().close();
        }
    }
}
