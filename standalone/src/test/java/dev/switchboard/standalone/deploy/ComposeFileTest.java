package dev.switchboard.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.Topics;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** deploy/compose/compose.yaml, parsed: the stack it would start, in which order, configured how. */
class ComposeFileTest {

    private static Path root;
    private static JsonNode services;

    @BeforeAll
    static void read() {
        root = DeployFiles.root();
        services = DeployFiles.documents(root.resolve("deploy/compose/compose.yaml")).getFirst().path("services");
    }

    /** Container name → the Switchboard service its image runs. */
    private static Map<String, String> switchboardContainers() {
        Map<String, String> containers = new TreeMap<>();
        services.properties().forEach(e -> {
            String service = DeployFiles.serviceOfImage(e.getValue().path("image").asString(null));
            if (service != null) {
                containers.put(e.getKey(), service);
            }
        });
        return containers;
    }

    @Test
    void runsTheClusterTheStoresEveryServiceAndTheObservabilityStack() {
        Set<String> names = new HashSet<>();
        services.propertyNames().forEach(names::add);
        assertThat(names).contains("kafka-1", "kafka-2", "kafka-3", "kafka-topics", "mongo-1", "mongo-2", "mongo-3",
                "mongo-init", "prometheus", "grafana", "kafka-ui");
        Map<String, Long> instances = switchboardContainers().values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(instances.keySet()).containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
        assertThat(instances.get("step-executor")).isGreaterThanOrEqualTo(2);
        assertThat(instances.get("run-orchestrator")).isGreaterThanOrEqualTo(2);
        for (int i = 1; i <= 3; i++) {
            JsonNode env = services.path("kafka-" + i).path("environment");
            assertThat(env.path("KAFKA_PROCESS_ROLES").asString()).contains("broker").contains("controller");
            assertThat(env.path("KAFKA_DEFAULT_REPLICATION_FACTOR").asString()).isEqualTo("3");
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asString()).isEqualTo("2");
            assertThat(services.path("mongo-" + i).path("command").toString()).contains("--replSet");
        }
        assertThat(services.path("kafka-ui").path("image").asString()).startsWith("ghcr.io/kafbat/kafka-ui");
    }

    @Test
    void everyLongRunningContainerHasAHealthCheckAndStartsAfterWhatItNeedsIsHealthy() {
        Set<String> jobs = Set.of("kafka-topics", "mongo-init");
        services.properties().forEach(e -> {
            String name = e.getKey();
            JsonNode service = e.getValue();
            if (!jobs.contains(name)) {
                assertThat(service.path("healthcheck").path("test")).as(name + " healthcheck").isNotEmpty();
            }
            service.path("depends_on").properties().forEach(dependency -> {
                String condition = dependency.getValue().path("condition").asString("");
                assertThat(services.has(dependency.getKey())).as(name + " depends on " + dependency.getKey())
                        .isTrue();
                if (jobs.contains(dependency.getKey())) {
                    assertThat(condition).as(name + " after " + dependency.getKey())
                            .isEqualTo("service_completed_successfully");
                } else {
                    assertThat(condition).as(name + " after " + dependency.getKey()).isEqualTo("service_healthy");
                }
            });
        });
        for (var container : switchboardContainers().entrySet()) {
            JsonNode service = services.path(container.getKey());
            assertThat(service.path("healthcheck").path("test").toString()).as(container.getKey())
                    .contains("/actuator/health/readiness");
            assertThat(service.path("depends_on").has("kafka-topics")).as(container.getKey()).isTrue();
        }
        assertThat(services.path("api-gateway").path("depends_on").has("run-orchestrator-1")).isTrue();
        assertThat(services.path("step-executor-1").path("depends_on").has("secrets-service")).isTrue();
    }

    @Test
    void theTopicJobCreatesEveryTopicWithItsProductionPartitions() {
        String script = services.path("kafka-topics").path("command").toString();
        for (Topics.TopicSpec spec : Topics.all()) {
            assertThat(script).as(spec.name()).containsPattern("--topic " + spec.name().replace(".", "\\.")
                    + " --partitions " + spec.partitions() + " --replication-factor 3");
        }
    }

    @Test
    void everySettingAServiceReadsWithoutADeploymentDefaultIsSet() {
        for (var container : switchboardContainers().entrySet()) {
            Set<String> set = new HashSet<>();
            services.path(container.getKey()).path("environment").propertyNames().forEach(set::add);
            ServiceSettings settings = ServiceSettings.read(root.resolve(container.getValue()));
            assertThat(settings.byVariable()).as(container.getValue()).isNotEmpty();
            assertThat(settings.missing(set)).as(container.getKey() + " leaves unset").isEmpty();
            // a typo sets nothing: every variable the container gets is one its service reads
            assertThat(set).as(container.getKey()).allMatch(v -> settings.reads(v)
                    || List.of("SERVER_PORT", "SPRING_KAFKA_CLIENTID").contains(v));
        }
    }

    @Test
    void prometheusScrapesEverySwitchboardContainer() {
        JsonNode config = DeployFiles.documents(root.resolve("deploy/prometheus/prometheus.yml")).getFirst();
        Set<String> targets = new HashSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
            job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asString())));
        }
        for (var container : switchboardContainers().entrySet()) {
            String port = services.path(container.getKey()).path("environment").path("SERVER_PORT").asString();
            assertThat(targets).contains(container.getKey() + ":" + port);
        }
    }
}
