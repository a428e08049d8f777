package dev.switchboard.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every manifest and kustomization under deploy/k8s, parsed: what a cluster would refuse or run
 * unsafely is caught here, since no cluster runs in this build (docs/operations.md).
 */
class KubernetesManifestsTest {

    /** Names of settings that hold key material: they come from Secrets only. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(HMACKEY|SECRETS_KEYS|SERVICETOKEN|SIGNINGSECRET|TRANSIT_KEY|PASSWORD|_SECRET$|_TOKEN$|_KEY$).*");
    /** A value that looks like a key: 32 or more base64 bytes. */
    static final Pattern KEY_LIKE = Pattern.compile("^[A-Za-z0-9+/=_-]{43,}$");

    private static Path k8s;
    private static final List<JsonNode> BASE = new ArrayList<>();
    private static final List<JsonNode> ALL = new ArrayList<>();

    @BeforeAll
    static void read() {
        k8s = DeployFiles.root().resolve("deploy/k8s");
        for (Path file : DeployFiles.yamlFiles(k8s)) {
            List<JsonNode> docs = DeployFiles.documents(file);
            assertThat(docs).as(file + " has no document").isNotEmpty();
            for (JsonNode doc : docs) {
                assertThat(doc.path("kind").asString("")).as("kind in " + file).isNotBlank();
                assertThat(doc.path("apiVersion").asString("")).as("apiVersion in " + file).isNotBlank();
            }
            ALL.addAll(docs);
            if (file.startsWith(k8s.resolve("base"))) {
                BASE.addAll(docs);
            }
        }
    }

    private static List<JsonNode> kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asString())).toList();
    }

    private static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asString();
    }

    @Test
    void everyKustomizationNamesFilesThatExistAndTheOverlaysBuildOnTheBase() {
        List<Path> kustomizations = DeployFiles.yamlFiles(k8s).stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        assertThat(kustomizations).extracting(p -> k8s.relativize(p.getParent()).toString())
                .containsExactlyInAnyOrder("base", "overlays/dev", "overlays/prod");
        for (Path file : kustomizations) {
            JsonNode kustomization = DeployFiles.documents(file).getFirst();
            assertThat(kustomization.path("kind").asString()).isEqualTo("Kustomization");
            Path dir = file.getParent();
            List<String> referenced = new ArrayList<>();
            kustomization.path("resources").forEach(r -> referenced.add(r.asString()));
            kustomization.path("patches").forEach(p -> referenced.add(p.path("path").asString()));
            assertThat(referenced).as(file.toString()).isNotEmpty();
            for (String path : referenced) {
                assertThat(dir.resolve(path).normalize()).as(file + " names " + path).exists();
            }
            for (JsonNode generator : kustomization.path("secretGenerator")) {
                for (JsonNode env : generator.path("envs")) {
                    // the real env file holds keys and stays out of git; its template is committed
                    assertThat(dir.resolve(env.asString() + ".example")).as("template of " + env.asString())
                            .exists();
                }
            }
            for (JsonNode generator : kustomization.path("configMapGenerator")) {
                for (JsonNode literal : generator.path("literals")) {
                    String[] pair = literal.asString().split("=", 2);
                    assertThat(pair[0]).as("ConfigMap literal in " + file).doesNotMatch(SECRET_NAME);
                    assertThat(pair[1]).as("ConfigMap literal " + pair[0]).doesNotMatch(KEY_LIKE);
                }
            }
            if (!dir.endsWith("base")) {
                assertThat(referenced).contains("../../base");
            }
        }
    }

    @Test
    void everyDeploymentHasProbesLimitsAndRunsAsNonRoot() {
        List<JsonNode> deployments = kind(BASE, "Deployment");
        assertThat(deployments).extracting(KubernetesManifestsTest::name)
                .containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
        for (JsonNode deployment : deployments) {
            String at = "Deployment " + name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean(false)).as(at).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt(0)).as(at).isPositive();
            assertThat(pod.path("containers")).as(at).isNotEmpty();
            for (JsonNode container : pod.path("containers")) {
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertThat(container.path(probe).path("httpGet").path("path").asString(""))
                            .as(at + " " + probe).startsWith("/actuator/health/");
                }
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asString())
                        .isEqualTo("/actuator/health/readiness");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asString())
                        .isEqualTo("/actuator/health/liveness");
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.path("resources").path("limits").path(resource).asString(""))
                            .as(at + " limit " + resource).isNotBlank();
                    assertThat(container.path("resources").path("requests").path(resource).asString(""))
                            .as(at + " request " + resource).isNotBlank();
                }
                assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true))
                        .as(at).isFalse();
            }
        }
    }

    @Test
    void keysComeFromSecretsAndNeverFromConfigMaps() {
        List<JsonNode> configMaps = kind(ALL, "ConfigMap");
        assertThat(configMaps).isNotEmpty();
        for (JsonNode configMap : configMaps) {
            configMap.path("data").properties().forEach(entry -> {
                assertThat(entry.getKey()).as("ConfigMap " + name(configMap)).doesNotMatch(SECRET_NAME);
                assertThat(entry.getValue().asString()).as("ConfigMap value " + entry.getKey())
                        .doesNotMatch(KEY_LIKE);
            });
        }
        for (JsonNode deployment : kind(ALL, "Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    String variable = env.path("name").asString();
                    if (SECRET_NAME.matcher(variable).matches()) {
                        assertThat(env.path("valueFrom").path("secretKeyRef").path("name").asString(""))
                                .as(name(deployment) + " " + variable + " from a Secret").isNotBlank();
                    }
                }
            }
        }
        assertThat(kind(ALL, "Secret")).as("no Secret with values is committed").isEmpty();
    }

    @Test
    void everyDeploymentSetsEverySettingItsServiceMustBeGiven() {
        for (JsonNode deployment : kind(BASE, "Deployment")) {
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            String service = DeployFiles.serviceOfImage(container.path("image").asString());
            assertThat(service).isEqualTo(name(deployment));
            Set<String> set = new HashSet<>();
            container.path("env").forEach(e -> set.add(e.path("name").asString()));
            assertThat(ServiceSettings.read(DeployFiles.root().resolve(service)).missing(set)).as("Deployment " + service + " leaves unset").isEmpty();
        }
    }

    @Test
    void everyKafkaTopicMatchesTopicsInContracts() {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode topic : kind(BASE, "KafkaTopic")) {
            topics.put(topic.path("spec").path("topicName").asString(), topic);
        }
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.all().stream().map(Topics.TopicSpec::name).toList());
        for (Topics.TopicSpec spec : Topics.all()) {
            JsonNode topic = topics.get(spec.name()).path("spec");
            assertThat(topic.path("partitions").asInt()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(topic.path("replicas").asInt()).as(spec.name()).isEqualTo(3);
            assertThat(topic.path("config").path("min.insync.replicas").asInt()).as(spec.name()).isEqualTo(2);
            if (spec.compacted()) {
                assertThat(topic.path("config").path("cleanup.policy").asString()).isEqualTo("compact");
            } else {
                assertThat(topic.path("config").path("retention.ms").asLong()).as(spec.name())
                        .isEqualTo(spec.retention().toMillis());
            }
        }
        JsonNode kafka = kind(BASE, "Kafka").getFirst().path("spec").path("kafka").path("config");
        assertThat(kafka.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(kafka.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(kind(BASE, "KafkaNodePool").getFirst().path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(kind(BASE, "MongoDBCommunity").getFirst().path("spec").path("members").asInt()).isEqualTo(3);
    }

    @Test
    void everyScaledObjectTargetsADeploymentAndATopicAndStopsAtItsPartitionCount() {
        Set<String> deployments = kind(BASE, "Deployment").stream().map(KubernetesManifestsTest::name)
                .collect(Collectors.toSet());
        Map<String, Integer> partitions = Topics.all().stream()
                .collect(Collectors.toMap(Topics.TopicSpec::name, Topics.TopicSpec::partitions));
        List<JsonNode> scaled = kind(BASE, "ScaledObject");
        assertThat(scaled).extracting(d -> d.path("spec").path("scaleTargetRef").path("name").asString())
                .containsExactlyInAnyOrder("step-executor", "run-orchestrator");
        for (JsonNode object : scaled) {
            JsonNode spec = object.path("spec");
            assertThat(deployments).contains(spec.path("scaleTargetRef").path("name").asString());
            assertThat(spec.path("triggers")).isNotEmpty();
            for (JsonNode trigger : spec.path("triggers")) {
                assertThat(trigger.path("type").asString()).isEqualTo("kafka");
                String topic = trigger.path("metadata").path("topic").asString();
                assertThat(partitions).as("ScaledObject " + name(object) + " topic").containsKey(topic);
                assertThat(spec.path("maxReplicaCount").asInt()).as(name(object) + " on " + topic)
                        .isPositive().isLessThanOrEqualTo(partitions.get(topic));
                assertThat(trigger.path("metadata").path("consumerGroup").asString())
                        .isEqualTo(spec.path("scaleTargetRef").path("name").asString());
            }
        }
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideAndSecretsOnlyFromGatewayAndExecutors() {
        List<JsonNode> policies = kind(BASE, "NetworkPolicy");
        assertThat(policies).anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("ingress").isMissingNode());
        for (JsonNode policy : policies) {
            String target = policy.path("spec").path("podSelector").path("matchLabels")
                    .path("app.kubernetes.io/name").asString("");
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                for (JsonNode from : rule.path("from")) {
                    String namespace = from.path("namespaceSelector").path("matchLabels")
                            .path("kubernetes.io/metadata.name").asString("");
                    if (!from.path("namespaceSelector").isMissingNode() && !namespace.equals("monitoring")) {
                        assertThat(target).as("reachable from namespace " + namespace).isEqualTo("api-gateway");
                    }
                    if (target.equals("secrets-service") && !from.path("podSelector").isMissingNode()) {
                        assertThat(from.path("podSelector").path("matchLabels").path("app.kubernetes.io/name")
                                .asString()).isIn("api-gateway", "step-executor");
                    }
                }
            }
        }
        JsonNode ingress = kind(BASE, "Ingress").getFirst();
        assertThat(ingress.findValues("service")).extracting(s -> s.path("name").asString())
                .containsOnly("api-gateway");
        assertThat(kind(BASE, "PodDisruptionBudget")).extracting(KubernetesManifestsTest::name)
                .containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
    }

    @Test
    void theSecretNameRuleCatchesKeysAndPassesConfiguration() {
        assertThat("SWITCHBOARD_SECURITY_JWT_HMACKEY").matches(SECRET_NAME);
        assertThat("SWITCHBOARD_SECRETS_KEYS_K2026A").matches(SECRET_NAME);
        assertThat("SWITCHBOARD_TRANSIT_KEY").matches(SECRET_NAME);
        assertThat("SWITCHBOARD_SECRETS_URL").doesNotMatch(SECRET_NAME);
        assertThat("SPRING_KAFKA_BOOTSTRAP_SERVERS").doesNotMatch(SECRET_NAME);
        assertThat("q83vEjBn0ZpNhd1F3l7Oq2oM0t5c2iUqU0uQqW3yA8Q=").matches(KEY_LIKE);
        assertThat("switchboard-kafka-bootstrap:9092").doesNotMatch(KEY_LIKE);
        assertThat(Files.exists(k8s.resolve("base/kustomization.yaml"))).isTrue();
    }
}
