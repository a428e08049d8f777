package dev.switchboard.contracts.registry;

import dev.switchboard.contracts.event.AgentChanged;
import dev.switchboard.contracts.event.ConnectorChanged;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.event.ToolChanged;
import dev.switchboard.contracts.kafka.EventJson;
import dev.switchboard.contracts.kafka.InvalidEventException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The latest state of each registry key, applied record by record. A record older than what is
 * held for its key is ignored: the registry can publish a state twice when a retry overtakes a
 * slower send. A delete applies when its version is at least the one held.
 */
final class RegistryState {

    private final Map<String, RegistryEntry> entries = new ConcurrentHashMap<>();
    private final EventJson json = new EventJson();

    /** Applies one record; empty when it changed nothing (stale, or a tombstone for an unknown key). */
    Optional<RegistryChange> apply(String key, byte[] value) {
        RegistryChange.Kind kind = kind(key);
        if (value == null) {
            return Optional.ofNullable(entries.remove(key)).map(old -> new RegistryChange(kind, key, old.version(),
                    true));
        }
        SwitchboardEvent event = json.fromJson(value);
        long version;
        boolean deleted;
        JsonNode snapshot;
        switch (event) {
            case ConnectorChanged c -> {
                version = c.version();
                deleted = c.deleted();
                snapshot = c.snapshot();
            }
            case ToolChanged t -> {
                version = t.version();
                deleted = t.deleted();
                snapshot = t.snapshot();
            }
            case AgentChanged a -> {
                version = a.version();
                deleted = a.deleted();
                snapshot = a.snapshot();
            }
            default -> throw new InvalidEventException(event.getClass().getSimpleName(),
                    List.of("not a registry change"));
        }
        if (!key.equals(event.key())) {
            throw new InvalidEventException(event.getClass().getSimpleName(), List.of(
                    "record key does not match the event"));
        }
        RegistryEntry held = entries.get(key);
        if (deleted) {
            if (held == null || held.version() > version) {
                return Optional.empty();
            }
            entries.remove(key);
            return Optional.of(new RegistryChange(kind, key, version, true));
        }
        if (held != null && held.version() > version) {
            return Optional.empty();
        }
        entries.put(key, new RegistryEntry(key, version, snapshot));
        return Optional.of(new RegistryChange(kind, key, version, false));
    }

    Optional<RegistryEntry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    Map<String, RegistryEntry> withPrefix(String prefix) {
        Map<String, RegistryEntry> found = new TreeMap<>();
        entries.forEach((key, entry) -> {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), entry);
            }
        });
        return Collections.unmodifiableMap(found);
    }

    int size() {
        return entries.size();
    }

    private static RegistryChange.Kind kind(String key) {
        if (key == null) {
            throw new InvalidEventException("registry change", List.of("record has no key"));
        }
        if (key.startsWith("connector:")) {
            return RegistryChange.Kind.CONNECTOR;
        }
        if (key.startsWith("tool:")) {
            return RegistryChange.Kind.TOOL;
        }
        if (key.startsWith("agent:")) {
            return RegistryChange.Kind.AGENT;
        }
        throw new InvalidEventException("registry change", List.of("unknown key prefix"));
    }
}
