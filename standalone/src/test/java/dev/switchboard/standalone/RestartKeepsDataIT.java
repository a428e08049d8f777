package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.switchboard.contracts.Topics;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker and store persist in the data dir: what is written before a stop is there
 * after a start on the same dir, and the topics keep their partition counts.
 */
class RestartKeepsDataIT {

    @TempDir
    Path dataDir;

    @Test
    void aMongoDocumentAndAKafkaRecordSurviveARestart() throws Exception {
        // held open together, so the three differ (one after the other, the kernel gave the same port twice)
        int[] ports = freePorts(3);
        int kafkaPort = ports[0];
        int controllerPort = ports[1];
        int mongoPort = ports[2];
        String topic = Topics.RUNS_REQUESTED;

        try (var broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, controllerPort);
                var mongo = EmbeddedMongo.start(dataDir.resolve("mongo"), mongoPort)) {
            assertThat(TopicProvisioner.ensureTopics(broker.bootstrapServers())).contains(topic);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "run-1", "{\"runId\":\"run-1\"}")).get();
            }
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                client.getDatabase("runs").getCollection("runs").insertOne(new Document("_id", "run-1")
                        .append("status", "running"));
            }
        }

        try (var broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, controllerPort);
                var mongo = EmbeddedMongo.start(dataDir.resolve("mongo"), mongoPort)) {
            assertThat(TopicProvisioner.ensureTopics(broker.bootstrapServers())).isEmpty();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                assertThat(description.partitions()).hasSize(12);
            }
            assertThat(readAll(broker.bootstrapServers(), topic)).containsExactly("run-1={\"runId\":\"run-1\"}");
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                Document run = client.getDatabase("runs").getCollection("runs").find(new Document("_id", "run-1"))
                        .first();
                assertThat(run).isNotNull();
                assertThat(run.getString("status")).isEqualTo("running");
            }
        }
    }

    private static List<String> readAll(String bootstrap, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }

    static int[] freePorts(int count) throws Exception {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
