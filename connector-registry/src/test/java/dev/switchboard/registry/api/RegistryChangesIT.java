package dev.switchboard.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.registry.RegistryChange;
import dev.switchboard.contracts.registry.RegistryView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Every write is published to the compacted topic, and a view started later rebuilds the final state. */
class RegistryChangesIT extends RegistryFixture {

    @Test
    void aViewStartedAfterAHundredChangesSeesTheFinalStateAndLaterDeletes() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(api().post("/api/v1/connectors", ALICE, connector("c" + i, "v1")).statusCode()).isEqualTo(201);
        }
        for (int round = 2; round <= 4; round++) {
            for (int i = 0; i < 20; i++) {
                ObjectNode change = (ObjectNode) json.readTree(connector("c" + i, "v" + round));
                change.put("version", round - 1);
                assertThat(api().put("/api/v1/connectors/changes/c" + i, ALICE, change.toString()).statusCode())
                        .isEqualTo(200);
            }
        }
        for (int i = 0; i < 20; i += 4) {
            assertThat(api().delete("/api/v1/connectors/changes/c" + i, ALICE).statusCode()).isEqualTo(204);
        }

        try (RegistryView view = RegistryView.start(KAFKA.bootstrapServers())) {
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            for (int i = 0; i < 20; i++) {
                if (i % 4 == 0) {
                    assertThat(view.connector("changes", "c" + i)).as("c" + i).isEmpty();
                } else {
                    assertThat(view.connector("changes", "c" + i)).as("c" + i).get()
                            .satisfies(s -> assertThat(s.get("description").asString()).isEqualTo("v4"));
                    assertThat(view.connectors().get("changes/c" + i).version()).isEqualTo(4);
                }
            }
        }

        assertThat(api().delete("/api/v1/connectors/changes/c1", ALICE).statusCode()).isEqualTo(204);
        try (RegistryView restarted = RegistryView.start(KAFKA.bootstrapServers())) {
            assertThat(restarted.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(restarted.connector("changes", "c1")).isEmpty();
            assertThat(restarted.connector("changes", "c2")).isPresent();
        }
    }

    @Test
    void aLiveViewSeesEachChangeAndReportsHowLongItTook() throws Exception {
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        List<RegistryChange> changes = new CopyOnWriteArrayList<>();
        try (RegistryView view = RegistryView.start(KAFKA.bootstrapServers())) {
            view.addListener(change -> {
                seenAt.put(change.key() + "@" + change.version(), System.nanoTime());
                changes.add(change);
            });
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            api().post("/api/v1/connectors", ALICE, connector("live", "v1"));
            api().post("/api/v1/tools", ALICE, """
                    {"id": "live-tool", "steps": []}""");

            List<Long> lagsMicros = new ArrayList<>();
            for (int version = 1; version <= 100; version++) {
                ObjectNode change = (ObjectNode) json.readTree(connector("live", "v" + (version + 1)));
                change.put("version", version);
                long sent = sendAndTime(change.toString());
                String key = "connector:changes/live@" + (version + 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> seenAt.containsKey(key));
                lagsMicros.add(Math.max(0, (seenAt.get(key) - sent) / 1000));
            }
            long[] sorted = lagsMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("registry change visible in a view after the PUT was sent: p50 %d us, p99 %d us,"
                    + " max %d us (n=%d)%n", sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99) - 1],
                    sorted[sorted.length - 1], sorted.length);
            assertThat(view.tool("live-tool")).isPresent();
            assertThat(changes).anySatisfy(c -> assertThat(c.kind()).isEqualTo(RegistryChange.Kind.TOOL));
            assertThat(Arrays.stream(sorted).count()).isEqualTo(100);
        }
    }

    /** When the PUT was sent: the lag covers the whole write, the publish and the view's poll. */
    private long sendAndTime(String body) {
        long sent = System.nanoTime();
        assertThat(api().put("/api/v1/connectors/changes/live", ALICE, body).statusCode()).isEqualTo(200);
        return sent;
    }

    private static String connector(String name, String description) {
        return """
                {"namespace": "changes", "name": "%s", "description": "%s", "type": "http",
                 "baseUrl": "https://changes.test"}""".formatted(name, description);
    }
}
