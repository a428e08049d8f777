package dev.switchboard.gateway.health;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Mongo is UP when it answers {@code ping}: the embedded mongo-java-server lacks {@code hello},
 * which Boot's own indicator sends. The gateway owns no data; it only reports the store's health.
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MongoClient client;
    private final String hosts;

    MongoHealthIndicator(@Value("${spring.mongodb.uri:mongodb://localhost:27017}") String uri) {
        ConnectionString connection = new ConnectionString(uri);
        this.hosts = String.join(",", connection.getHosts());
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS))
                .build());
    }

    @Override
    public Mono<Health> health() {
        return Mono.from(client.getDatabase("admin").runCommand(new Document("ping", 1)))
                .map(reply -> Health.up().withDetail("hosts", hosts).build())
                .timeout(TIMEOUT.plusSeconds(1))
                .onErrorResume(error -> Mono.just(Health.down().withDetail("hosts", hosts)
                        .withDetail("error", error.getClass().getSimpleName()).build()));
    }

    @Override
    public void destroy() {
        client.close();
    }
}
