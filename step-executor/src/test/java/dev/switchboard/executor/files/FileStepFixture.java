package dev.switchboard.executor.files;

import dev.switchboard.testing.TestSecretsApi;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.ConnectorChanged;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.kafka.EventSerde;
import dev.switchboard.executor.resilience.ConnectorResilience;
import dev.switchboard.executor.secret.SecretResolver;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor's context with a real broker (for registry changes) and a local stand-in of the
 * secrets service's resolve contract, whose secrets each test may add to. Shared by the file-step
 * ITs, so they share one context.
 */
@SpringBootTest
abstract class FileStepFixture {

    static final TestKafka KAFKA = new TestKafka();
    static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    static final TestSecretsApi SECRETS_API = new TestSecretsApi(SECRETS);
    /** Small, so the size limit is reached with small files. */
    static final long MAX_FILE_BYTES = 64 * 1024;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        // the test servers are on loopback, which deployments refuse (ADR 010)
        registry.add("switchboard.egress.allow-private", () -> "true");
        registry.add("switchboard.security.jwt.hmac-key", () -> TestTokens.base64(TestTokens.randomKey()));
        registry.add("switchboard.secrets.url", SECRETS_API::url);
        registry.add("switchboard.secrets.service-token", () -> "svc");
        registry.add("switchboard.executor.files.max-file-bytes", () -> MAX_FILE_BYTES);
        // long, so only the test about idle sessions (with a pool of its own) sees one closed for idling
        registry.add("switchboard.executor.files.idle-timeout", () -> "10m");
        registry.add("switchboard.executor.files.ftps-trust-store", () -> resource("files/ftps-trust.p12").getPath());
        registry.add("switchboard.executor.files.ftps-trust-store-password", () -> "changeit");
    }

    @Autowired
    SecretResolver secrets;

    @Autowired
    ConnectorResilience resilience;

    @Autowired
    FileSessions sessions;

    @Autowired
    FileCallProperties properties;

    final JsonMapper json = JsonMapper.builder().build();

    JsonNode body(String text) {
        return json.readTree(text);
    }

    static StepRequested step(StepKind kind, String connector, JsonNode body) {
        StepRequest request = new StepRequest(kind, connector, null, null, null, null, null, null, body, null, null);
        return new StepRequested(UUID.randomUUID(), Instant.now(), null, "run-1", "files", 0, 1,
                Instant.now().plusSeconds(60), request, null, "alice");
    }

    /** A port nothing listens on (bound once, then freed). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void publishConnectorChange(String namespace, String name, long version, JsonNode snapshot) {
        SwitchboardEvent event = new ConnectorChanged(UUID.randomUUID(), Instant.now(), null, namespace, name, version,
                false, snapshot);
        try (var producer = new KafkaProducer<String, SwitchboardEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(),
                new EventSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.REGISTRY_CHANGES, event.key(), event));
        }
    }

    static File resource(String name) {
        try {
            return new File(FileStepFixture.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
