package dev.switchboard.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker (broker and controller in one) persisting under the data dir, so a
 * restart on the same dir keeps every topic and record. Formats the storage once, when
 * {@code meta.properties} is absent.
 */
final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static EmbeddedKafkaBroker start(Path logDir, int port, int controllerPort) {
        Map<String, String> config = config(logDir, port, controllerPort);
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir, config);
            }
        } catch (IOException e) {
            throw new StartupException("cannot prepare Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, bootstrapServers(port));
    }

    /** Where the broker on {@code port} is reached, known before it has started. */
    static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Map<String, String> config(Path logDir, int port, int controllerPort) {
        Map<String, String> config = new TreeMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "12");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("min.insync.replicas", "1");
        config.put("default.replication.factor", "1");
        // a single consumer group member per service in the standalone: no reason to wait
        config.put("group.initial.rebalance.delay.ms", "0");
        // every topic the services use is created up front with its partition count
        config.put("auto.create.topics.enable", "false");
        return config;
    }

    private static void format(Path logDir, Map<String, String> config) throws IOException {
        Path configFile = Files.createTempFile("switchboard-kafka", ".properties");
        try {
            Properties properties = new Properties();
            properties.putAll(config);
            try (var out = Files.newOutputStream(configFile)) {
                properties.store(out, "switchboard standalone broker");
            }
            var output = new ByteArrayOutputStream();
            int code = StorageTool.execute(new String[] {"format", "--standalone", "-t",
                    Uuid.randomUuid().toString(), "-c", configFile.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new StartupException("cannot format Kafka storage in " + logDir + ": "
                        + output.toString(StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(configFile);
        }
    }
}
