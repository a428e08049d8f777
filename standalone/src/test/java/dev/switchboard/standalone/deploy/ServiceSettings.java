package dev.switchboard.standalone.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The settings a service reads, derived from its sources the way Spring binds them: every
 * {@code ${key:default}} placeholder, every component of its {@code @ConfigurationProperties}
 * records, and the broker and store addresses of its application.yml. Each becomes the
 * environment variable relaxed binding maps to it (dots to underscores, dashes dropped,
 * upper case). A map component becomes a prefix ({@code SWITCHBOARD_SECRETS_KEYS_<ID>}).
 */
record ServiceSettings(String service, Map<String, Setting> byVariable) {

    /** One setting; {@code defaultValue} empty when the code has none (or an empty one). */
    record Setting(String variable, String property, Optional<String> defaultValue) {

        /** Without a default, or with one that only works on a laptop, a deployment must set it. */
        boolean deploymentMustSet() {
            return defaultValue.isEmpty() || defaultValue.get().isBlank() || defaultValue.get().contains("localhost");
        }

        /**
         * Whether an environment variable binds to it: the documented form, or the legacy one with
         * dashes as underscores ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}), which Spring also maps.
         */
        boolean boundBy(String environmentVariable) {
            if (variable.endsWith("_<ID>")) {
                return environmentVariable.startsWith(variable.substring(0, variable.length() - "<ID>".length()));
            }
            return environmentVariable.equals(variable)
                    || environmentVariable.equals(property.replace('-', '_').replace('.', '_').toUpperCase());
        }
    }

    /** Settings a deployment may leave unset, and why. */
    static final Map<String, String> OPTIONAL = Map.of(
            "SWITCHBOARD_SECURITY_JWT_HMACKEYFILE", "the key itself is given (SWITCHBOARD_SECURITY_JWT_HMACKEY)",
            "SWITCHBOARD_SECURITY_JWT_ISSUER", "the record defaults it to switchboard",
            "SWITCHBOARD_SECRETS_KEYFILE", "keys are given one per variable (SWITCHBOARD_SECRETS_KEYS_<ID>)",
            "SWITCHBOARD_SECRETS_ACTIVEKEYID", "the greatest key id encrypts new values",
            "SWITCHBOARD_WEBHOOKS_SIGNINGSECRETFILE", "the secret itself is given (SWITCHBOARD_WEBHOOKS_SIGNINGSECRET)",
            "SWITCHBOARD_EXECUTOR_FILES_FTPSTRUSTSTORE", "only for FTPS servers signed by a private CA",
            "SWITCHBOARD_EXECUTOR_FILES_FTPSTRUSTSTOREPASSWORD", "only with a trust store",
            "SWITCHBOARD_CONSOLE_ASSETSDIR", "only while working on the console: its files are in the gateway's jar");

    /** What a deployment that sets {@code set} for this service still leaves unset. */
    java.util.List<String> missing(Set<String> set) {
        return byVariable.values().stream().filter(Setting::deploymentMustSet)
                .filter(setting -> !OPTIONAL.containsKey(setting.variable()))
                .filter(setting -> set.stream().noneMatch(setting::boundBy))
                .map(Setting::variable)
                .toList();
    }

    /** Whether the service reads this environment variable at all. */
    boolean reads(String environmentVariable) {
        return byVariable.values().stream().anyMatch(setting -> setting.boundBy(environmentVariable));
    }

    /** A placeholder in any annotation: {@code @Value}, {@code @Scheduled}, {@code @KafkaListener}. */
    private static final Pattern VALUE = Pattern.compile("\\$\\{([a-z][a-zA-Z0-9.\\-]*)(:([^}]*))?}");
    private static final Pattern PROPERTIES = Pattern.compile(
            "@ConfigurationProperties\\(\"([^\"]+)\"\\)\\s*(?:public\\s+)?record\\s+\\w+\\s*\\((.*?)\\)\\s*(?:implements[^{]*)?\\{",
            Pattern.DOTALL);
    private static final Pattern DEFAULT_VALUE = Pattern.compile("@DefaultValue(?:\\(\"([^\"]*)\"\\))?");
    private static final Set<String> YAML_ADDRESSES = Set.of("spring.kafka.bootstrap-servers", "spring.mongodb.uri");

    static ServiceSettings read(Path module) {
        Map<String, Setting> settings = new TreeMap<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher value = VALUE.matcher(source);
                while (value.find()) {
                    add(settings, value.group(1), Optional.ofNullable(value.group(3)), false);
                }
                Matcher properties = PROPERTIES.matcher(source);
                while (properties.find()) {
                    components(settings, properties.group(1), properties.group(2));
                }
            }
            Path yaml = module.resolve("src/main/resources/application.yml");
            if (Files.exists(yaml)) {
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", YAMLMapper.builder().build().readTree(yaml.toFile()), flat);
                flat.forEach((key, text) -> {
                    if (YAML_ADDRESSES.contains(key)) {
                        add(settings, key, Optional.of(text), false);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceSettings(module.getFileName().toString(), settings);
    }

    private static void components(Map<String, Setting> settings, String prefix, String components) {
        String plain = components;
        // generic arguments hold commas of their own: drop them before splitting
        for (String previous = ""; !previous.equals(plain); ) {
            previous = plain;
            plain = plain.replaceAll("<[^<>]*>", "");
        }
        for (String component : plain.split(",")) {
            String text = component.strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = text.split("\\s+");
            String name = words[words.length - 1];
            String type = words[words.length - 2];
            Matcher defaultValue = DEFAULT_VALUE.matcher(text);
            Optional<String> fallback = defaultValue.find()
                    ? Optional.of(defaultValue.group(1) == null ? "(empty)" : defaultValue.group(1)) : Optional.empty();
            add(settings, prefix + "." + kebab(name), fallback, type.equals("Map"));
        }
    }

    private static void add(Map<String, Setting> settings, String property, Optional<String> fallback, boolean map) {
        String variable = variable(property) + (map ? "_<ID>" : "");
        settings.merge(variable, new Setting(variable, property, fallback),
                // read in two places: a default in either is a default
                (a, b) -> a.defaultValue().isPresent() ? a : b);
    }

    static String variable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else {
            out.put(prefix, node.asString());
        }
    }
}
