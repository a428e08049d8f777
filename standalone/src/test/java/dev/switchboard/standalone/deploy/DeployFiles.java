package dev.switchboard.standalone.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The repository's deploy/ tree, read as YAML documents. */
final class DeployFiles {

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final List<String> SERVICES = List.of("connector-registry", "secrets-service", "run-orchestrator",
            "step-executor", "api-gateway");

    private DeployFiles() {
    }

    /** The repository root: the first parent of the working directory holding deploy/. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
    }

    static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }

    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Switchboard service an image runs, or null: {@code switchboard/<service>:<tag>}. */
    static String serviceOfImage(String image) {
        if (image == null || !image.startsWith("switchboard/")) {
            return null;
        }
        String name = image.substring("switchboard/".length());
        return name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    }
}
