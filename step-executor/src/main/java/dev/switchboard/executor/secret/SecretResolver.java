package dev.switchboard.executor.secret;

import dev.switchboard.contracts.event.SecretChanged;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Resolves {@code {{secret:NAME}}} and connector auth secrets for a user at call time: their
 * private secret, else the shared one. Values are kept in memory for a short time (30 s by
 * default) and dropped at once when the secrets service announces a change. Misses are never
 * cached, so a secret created a moment ago is found, and a missing one is never "remembered" as
 * an empty credential.
 */
@Service
public class SecretResolver {

    private final SecretsClient client;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<CacheKey, Entry> cache = new ConcurrentHashMap<>();

    @Autowired
    SecretResolver(SecretsClient client, SecretsProperties properties) {
        this(client, properties, System::nanoTime);
    }

    SecretResolver(SecretsClient client, SecretsProperties properties, LongSupplier nanoClock) {
        this.client = client;
        this.ttlNanos = properties.cacheTtl().toNanos();
        this.nanoClock = nanoClock;
    }

    public ResolvedSecret resolve(String name, String userId) {
        CacheKey key = new CacheKey(userId, name);
        Entry cached = cache.get(key);
        long now = nanoClock.getAsLong();
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return cached.secret();
        }
        ResolvedSecret fresh = client.resolve(name, userId);
        cache.put(key, new Entry(fresh, now));
        return fresh;
    }

    /**
     * A shared secret's change may affect every user without a private one of that name; a
     * private one only its owner.
     */
    void evict(SecretChanged change) {
        if (change.scope() == SecretChanged.Scope.PRIVATE) {
            cache.remove(new CacheKey(change.owner(), change.name()));
        } else {
            cache.keySet().removeIf(key -> key.name().equals(change.name()));
        }
    }

    int size() {
        return cache.size();
    }

    private record CacheKey(String userId, String name) {
    }

    private record Entry(ResolvedSecret secret, long loadedAt) {
    }
}
