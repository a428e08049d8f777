package dev.switchboard.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few service metrics the bench reads, scraped from the services' Prometheus endpoints rather
 * than by polling the runs API, which would load the very store under test.
 */
final class MetricsReader {

    private static final String LAG = "kafka_consumer_fetch_manager_records_lag";
    private static final String DOTTED_TOPIC = "topic=\"switchboard.";

    /** The topics a run's work flows through; the registry and secrets topics are not load. */
    private static final Set<String> WORK_TOPICS = Set.of("switchboard.runs.requested", "switchboard.steps.requested",
            "switchboard.steps.completed", "switchboard.runs.finished", "switchboard.runs.control");

    private final GatewayClient client;
    private final Platform platform;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile boolean opsUnavailable;
    private final java.util.Map<String, Long> lastFinished = new java.util.concurrent.ConcurrentHashMap<>();

    MetricsReader(GatewayClient client, Platform platform) {
        this.client = client;
        this.platform = platform;
    }

    boolean available() {
        return platform.hasMetrics();
    }

    /**
     * Runs of {@code toolId} that have finished (any status), from the orchestrator's run counter.
     * A scrape that fails (a busy orchestrator can time out) gives the last value read, not zero.
     */
    long finishedRuns(String toolId) {
        PrometheusScrape scrape = scrape(platform.orchestratorMetrics());
        if (scrape == PrometheusScrape.EMPTY) {
            return lastFinished.getOrDefault(toolId, 0L);
        }
        long finished = (long) scrape.sum("switchboard_runs_total", "tool=\"" + toolId + "\"");
        lastFinished.merge(toolId, finished, Math::max);
        return lastFinished.get(toolId);
    }

    /**
     * Records not yet processed on the run and step topics. From the ops API when the platform has
     * it: the consumer groups' committed offsets, which count records a consumer has fetched but
     * not finished (the executor takes a batch ahead of its calls). Otherwise from the consumers'
     * own {@code records-lag}, which Micrometer tags twice per partition (topic names with dots and
     * with underscores): the dotted series alone are counted.
     */
    long consumerLag() {
        if (!opsUnavailable) {
            Long committed = committedLag();
            if (committed != null) {
                return committed;
            }
            opsUnavailable = true;
        }
        return (long) (scrape(platform.orchestratorMetrics()).sum(LAG, DOTTED_TOPIC)
                + scrape(platform.executorMetrics()).sum(LAG, DOTTED_TOPIC));
    }

    private Long committedLag() {
        try {
            var response = client.send("GET", "/ops/topics", null);
            if (response.statusCode() != 200) {
                return null;
            }
            long lag = 0;
            for (JsonNode topic : json.readTree(response.body()).path("data")) {
                if (WORK_TOPICS.contains(topic.path("name").asString())) {
                    for (JsonNode group : topic.path("groups")) {
                        lag += group.path("lag").asLong();
                    }
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** A snapshot of the cumulative write and record counters of every service. */
    Counters counters() {
        List<PrometheusScrape> scrapes = new ArrayList<>();
        for (URI uri : platform.allMetrics()) {
            scrapes.add(scrape(uri));
        }
        double writes = 0;
        for (String command : List.of("insert", "update", "delete", "findAndModify")) {
            writes += PrometheusScrape.sum(scrapes, "mongodb_driver_commands_seconds_count",
                    "command=\"" + command + "\"");
        }
        double records = PrometheusScrape.sum(scrapes, "kafka_producer_record_send_total");
        return new Counters((long) writes, (long) records);
    }

    /** Cumulative Mongo write commands and Kafka records produced, summed over the services. */
    record Counters(long mongoWrites, long kafkaRecords) {
        Counters since(Counters before) {
            return new Counters(mongoWrites - before.mongoWrites, kafkaRecords - before.kafkaRecords);
        }
    }

    private PrometheusScrape scrape(URI uri) {
        if (uri == null) {
            return PrometheusScrape.EMPTY;
        }
        try {
            var response = client.get(uri);
            return response.statusCode() == 200 ? new PrometheusScrape(response.body()) : PrometheusScrape.EMPTY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PrometheusScrape.EMPTY;
        } catch (Exception e) {
            return PrometheusScrape.EMPTY;
        }
    }
}
