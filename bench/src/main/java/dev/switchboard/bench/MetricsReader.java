package dev.switchboard.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The few service metrics the bench reads, scraped from the services' Prometheus endpoints rather
 * than by polling the runs API, which would load the very store under test.
 */
final class MetricsReader {

    private static final String LAG = "kafka_consumer_fetch_manager_records_lag";
    private static final String DOTTED_TOPIC = "topic=\"switchboard.";

    private final GatewayClient client;
    private final Platform platform;

    MetricsReader(GatewayClient client, Platform platform) {
        this.client = client;
        this.platform = platform;
    }

    boolean available() {
        return platform.hasMetrics();
    }

    /** Runs of {@code toolId} that have finished (any status), from the orchestrator's run counter. */
    long finishedRuns(String toolId) {
        return (long) scrape(platform.orchestratorMetrics()).sum("switchboard_runs_total", "tool=\"" + toolId + "\"");
    }

    /**
     * Records waiting in the partitions the orchestrator's and the executor's consumers hold.
     * Micrometer tags each partition twice (topic names with dots and with underscores): the dotted
     * series alone are counted.
     */
    long consumerLag() {
        return (long) (scrape(platform.orchestratorMetrics()).sum(LAG, DOTTED_TOPIC)
                + scrape(platform.executorMetrics()).sum(LAG, DOTTED_TOPIC));
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
