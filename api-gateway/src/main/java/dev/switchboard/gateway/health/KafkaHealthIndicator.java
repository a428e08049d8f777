package dev.switchboard.gateway.health;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Kafka is UP when the cluster describes itself within the timeout; one Admin for the app's life. */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final String bootstrapServers;

    KafkaHealthIndicator(@Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "api-gateway-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    @Override
    public Mono<Health> health() {
        DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        Mono<String> clusterId = Mono.fromCompletionStage(cluster.clusterId().toCompletionStage());
        Mono<Integer> nodes = Mono.fromCompletionStage(cluster.nodes().toCompletionStage()).map(list -> list.size());
        return Mono.zip(clusterId, nodes)
                .map(found -> Health.up().withDetail("clusterId", found.getT1()).withDetail("nodes", found.getT2())
                        .build())
                .timeout(TIMEOUT.plusSeconds(1))
                .onErrorResume(error -> Mono.just(Health.down().withDetail("bootstrapServers", bootstrapServers)
                        .withDetail("error", error.getClass().getSimpleName() + ": " + error.getMessage()).build()));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
