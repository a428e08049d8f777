package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private final PrometheusScrape scrape = new PrometheusScrape("""
            # HELP switchboard_runs_total Runs finished
            # TYPE switchboard_runs_total counter
            switchboard_runs_total{status="success",tool="bench-three",trigger="API"} 40.0
            switchboard_runs_total{status="failed",tool="bench-three",trigger="API"} 2.0
            switchboard_runs_total{status="success",tool="bench-one",trigger="API"} 7.0
            switchboard_runs_total_created{tool="bench-three"} 1.7e9
            kafka_consumer_fetch_manager_records_lag{partition="0",topic="switchboard.steps.requested"} 3.0
            kafka_consumer_fetch_manager_records_lag{partition="0",topic="switchboard_steps_requested"} 3.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="x"} 9.0
            kafka_consumer_fetch_manager_records_lag{partition="1",topic="switchboard.steps.requested"} NaN
            kafka_consumer_fetch_manager_records_lag{partition="2",topic="switchboard.steps.requested"} -Inf
            mongodb_driver_commands_seconds_count 5.0
            """);

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        assertThat(scrape.sum("switchboard_runs_total", "tool=\"bench-three\"")).isEqualTo(42.0);
        assertThat(scrape.sum("switchboard_runs_total", "tool=\"bench-three\"", "status=\"failed\"")).isEqualTo(2.0);
        assertThat(scrape.sum("switchboard_runs_total")).isEqualTo(49.0);
    }

    @Test
    void ignoresLongerNamesNaNAndNegativeValues() {
        assertThat(scrape.sum("kafka_consumer_fetch_manager_records_lag", "topic=\"switchboard.")).isEqualTo(3.0);
        assertThat(scrape.sum("kafka_consumer_fetch_manager_records_lag")).isEqualTo(6.0);
        assertThat(scrape.sum("mongodb_driver_commands_seconds_count")).isEqualTo(5.0);
        assertThat(scrape.sum("no_such_metric")).isZero();
    }

    @Test
    void sumsAcrossServices() {
        assertThat(PrometheusScrape.sum(List.of(scrape, scrape, PrometheusScrape.EMPTY),
                "mongodb_driver_commands_seconds_count")).isEqualTo(10.0);
    }
}
