package dev.switchboard.orchestrator.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Consumer lag per topic and group ({@code switchboard.kafka.consumer.lag}) and records parked in
 * each DLT ({@code switchboard.dlt.depth}), refreshed on a schedule from the same reading as
 * {@code GET /ops/topics}, so dashboards and alerts see what the ops API shows. Every orchestrator
 * exports the same values: dashboards take {@code max} across instances.
 */
@Component
class LagMetrics {

    private static final Logger log = LoggerFactory.getLogger(LagMetrics.class);

    private final TopicInspector topics;
    private final MultiGauge lag;
    private final MultiGauge deadLetterDepth;

    LagMetrics(TopicInspector topics, MeterRegistry meters) {
        this.topics = topics;
        this.lag = MultiGauge.builder("switchboard.kafka.consumer.lag")
                .description("Records not yet consumed, by topic and consumer group").baseUnit("records")
                .register(meters);
        this.deadLetterDepth = MultiGauge.builder("switchboard.dlt.depth")
                .description("Records held in a dead-letter topic").baseUnit("records").register(meters);
    }

    @Scheduled(initialDelayString = "${switchboard.ops.metrics-interval:15s}",
            fixedDelayString = "${switchboard.ops.metrics-interval:15s}")
    void refresh() {
        List<TopicView> views;
        try {
            views = topics.topics();
        } catch (KafkaUnavailableException e) {
            log.debug("Kafka did not answer; lag gauges keep their last values", e);
            return;
        }
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        List<MultiGauge.Row<?>> depthRows = new ArrayList<>();
        for (TopicView view : views) {
            if (view.deadLetter()) {
                depthRows.add(MultiGauge.Row.of(Tags.of("topic", view.name()), view.records()));
            }
            for (TopicView.GroupLag group : view.groups()) {
                lagRows.add(MultiGauge.Row.of(Tags.of("topic", view.name(), "group", group.group()), group.lag()));
            }
        }
        lag.register(lagRows, true);
        deadLetterDepth.register(depthRows, true);
    }
}
