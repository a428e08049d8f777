package dev.switchboard.standalone;

import dev.switchboard.standalone.FuzzCorpus.BodyKind;
import dev.switchboard.standalone.FuzzCorpus.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the sweep's requests: takes an endpoint's valid request and breaks one thing in it (its
 * body, a path segment, a query parameter, the content type, the method, the Authorization
 * header) or asks the gateway for something it has no route for. The same {@link Random} state
 * gives the same request, so a finding replays from its seed and index.
 */
final class FuzzMutator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "@@raw%d@@";

    private final Map<String, String> fixture;
    private final String adminToken;
    private final List<String> otherTokens;

    /**
     * @param fixture the values path templates take ({@code cns}, {@code cname}, {@code tool}, ...)
     * @param otherTokens valid tokens of other roles, and forged or expired ones
     */
    FuzzMutator(Map<String, String> fixture, String adminToken, List<String> otherTokens) {
        this.fixture = fixture;
        this.adminToken = adminToken;
        this.otherTokens = otherTokens;
    }

    FuzzRequest next(Random random) {
        Endpoint endpoint = pick(random, FuzzCorpus.SELECTED);
        int roll = random.nextInt(100);
        if (endpoint.kind() == BodyKind.NONE) {
            roll = 55 + random.nextInt(45);
        }
        if (roll < 55) {
            return bodyMutation(random, endpoint);
        } else if (roll < 70) {
            return pathMutation(random, endpoint);
        } else if (roll < 80) {
            return queryMutation(random, endpoint);
        } else if (roll < 86) {
            return contentTypeMutation(random, endpoint);
        } else if (roll < 90) {
            return methodMutation(random, endpoint);
        } else if (roll < 96) {
            return authMutation(random, endpoint);
        }
        return gatewayMutation(random);
    }

    // --- what is broken -----------------------------------------------------------------------

    private FuzzRequest bodyMutation(Random random, Endpoint endpoint) {
        String seed = pick(random, endpoint.seeds());
        boolean json = seed.startsWith("{");
        String contentType = json ? "application/json" : pick(random, List.of("application/yaml", "text/yaml",
                "text/plain"));
        Mutated mutated;
        int roll = random.nextInt(100);
        if (roll < 8) {
            mutated = new Mutated("whole body", pick(random, FuzzCorpus.WHOLE_BODIES));
        } else if (roll < 16) {
            mutated = textMutation(random, seed);
        } else if (!json || (endpoint.kind() == BodyKind.SPEC || endpoint.kind() == BodyKind.APPLY)
                && roll < 30) {
            mutated = json ? specMutation(random, seed) : yamlMutation(random, seed);
        } else if (endpoint.kind() == BodyKind.JSON_RPC && roll < 45) {
            mutated = jsonRpcMutation(random, seed);
        } else {
            mutated = treeMutations(random, seed, 1 + random.nextInt(3));
        }
        return request(endpoint, "body: " + mutated.how(), endpoint.method(), path(endpoint, null, random),
                contentType, mutated.body(), adminToken, Map.of());
    }

    private FuzzRequest pathMutation(Random random, Endpoint endpoint) {
        List<String> placeholders = placeholders(endpoint.path());
        String segment = pick(random, FuzzCorpus.HOSTILE_SEGMENTS);
        String path;
        String how;
        if (placeholders.isEmpty()) {
            path = endpoint.path() + "/" + segment;
            how = "path: extra segment " + shorten(segment);
        } else {
            String broken = pick(random, placeholders);
            path = path(endpoint, Map.entry(broken, segment), random);
            how = "path: {" + broken + "} = " + shorten(segment);
        }
        String seed = seedOf(endpoint, random);
        return request(endpoint, how, endpoint.method(), path, contentTypeOf(seed), seed, adminToken, Map.of());
    }

    private FuzzRequest queryMutation(Random random, Endpoint endpoint) {
        Map<String, String> query = new LinkedHashMap<>(endpoint.query());
        List<String> keys = new ArrayList<>(query.keySet());
        keys.addAll(List.of("page", "limit", "version", "scope", "format", "async", "namespace", "status"));
        String key = pick(random, keys);
        String value = random.nextBoolean() ? pick(random, FuzzCorpus.HOSTILE_NUMBERS)
                : pick(random, FuzzCorpus.HOSTILE_SEGMENTS);
        if (random.nextInt(10) == 0) {
            value = "";
        }
        query.put(key, value);
        String path = path(endpoint, null, random);
        String base = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String rendered = query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        if (random.nextInt(8) == 0) {
            rendered += "&" + key + "=" + pick(random, FuzzCorpus.HOSTILE_SEGMENTS);
        }
        String seed = seedOf(endpoint, random);
        return request(endpoint, "query: " + key + "=" + shorten(value), endpoint.method(), base + "?" + rendered,
                contentTypeOf(seed), seed, adminToken, Map.of());
    }

    private FuzzRequest contentTypeMutation(Random random, Endpoint endpoint) {
        String contentType = random.nextInt(8) == 0 ? null : pick(random, FuzzCorpus.CONTENT_TYPES);
        String body = endpoint.kind() == BodyKind.NONE ? "{}" : pick(random, endpoint.seeds());
        return request(endpoint, "content type: " + contentType, endpoint.method(), path(endpoint, null, random),
                contentType, body, adminToken, Map.of());
    }

    private FuzzRequest methodMutation(Random random, Endpoint endpoint) {
        String method = pick(random, FuzzCorpus.WRONG_METHODS.stream()
                .filter(m -> !m.equals(endpoint.method())).toList());
        if (method.equals("DELETE") && endpoint.path().contains("{")) {
            // a wrong-method DELETE on a fixture would delete it, and the sweep after it would test 404s
            method = "PATCH";
        }
        return request(endpoint, "method: " + method, method, path(endpoint, null, random), "application/json",
                random.nextBoolean() ? "{}" : null, adminToken, Map.of());
    }

    private FuzzRequest authMutation(Random random, Endpoint endpoint) {
        Supplier<String> header = () -> switch (random.nextInt(14)) {
            case 0 -> "Bearer";
            case 1 -> "Bearer ";
            case 2 -> "Basic YWRtaW46YWRtaW4=";
            case 3 -> "Bearer a.b.c";
            case 4 -> "Bearer " + flipOne(random, adminToken);
            case 5 -> "Bearer " + unsigned(adminToken);
            case 6 -> "Bearer " + "x".repeat(6000);
            case 7 -> "bearer " + adminToken.toUpperCase();
            case 8 -> "Bearer " + adminToken + " extra";
            case 9 -> "Bearer " + adminToken.substring(0, adminToken.length() / 2);
            case 10 -> "Bearer \u00e9t\u00e9";
            case 11 -> "Token " + adminToken;
            case 12 -> "Bearer ..";
            default -> "Bearer " + pick(random, otherTokens);
        };
        String value = header.get();
        boolean valid = value.startsWith("Bearer ") && otherTokens.contains(value.substring(7));
        if (endpoint.destructive() && valid) {
            value = "Bearer a.b.c";
        }
        String how = "auth: " + (valid ? "another role's or an expired token" : shorten(value));
        String seed = seedOf(endpoint, random);
        return request(endpoint, how, endpoint.method(), path(endpoint, null, random), contentTypeOf(seed), seed,
                null, random.nextInt(6) == 0 ? Map.of() : Map.of("Authorization", value));
    }

    private FuzzRequest gatewayMutation(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new FuzzRequest("gateway", "unknown route", pick(random, List.of("GET", "POST", "DELETE")),
                    pick(random, List.of("/api/v1/nothing", "/api/v2/connectors", "/api/v1", "/api/v1/",
                            "/api/v1/connectorsx", "/api/v1/runs/x/y/z", "/internal/v1/secrets/resolve",
                            "/api/v1/secrets/../../internal/v1/secrets/resolve", "/api/v1/%2e%2e/internal",
                            "/" + "a".repeat(3000), "/api/v1/tools/x/run/extra", "/api/v1/agents/a/b/mcp/x")),
                    "application/json", "{}", adminToken, Map.of());
            case 1 -> new FuzzRequest("gateway", "huge header", "GET", "/api/v1/connectors", null, null, adminToken,
                    Map.of("X-Fuzz", "h".repeat(pick(random, List.of(4000, 7000, 9000, 20000, 70000)))));
            case 2 -> new FuzzRequest("gateway", "many headers", "GET", "/api/v1/tools", null, null, adminToken,
                    manyHeaders(100 + random.nextInt(400)));
            case 3 -> new FuzzRequest("gateway", "huge path", "GET", "/api/v1/tools/" + "p".repeat(
                    pick(random, List.of(2000, 5000, 9000, 20000))), null, null, adminToken, Map.of());
            default -> new FuzzRequest("gateway", "hostile trace id", "GET", "/api/v1/runs", null, null, adminToken,
                    Map.of("X-Trace-Id", pick(random, List.of("", " ", "x".repeat(5000), "\u00e9", "../..",
                            "00000000-0000-0000-0000-000000000000", "{{secret:x}}"))));
        };
    }

    // --- body mutations -----------------------------------------------------------------------

    private record Mutated(String how, String body) {
    }

    private Mutated textMutation(Random random, String seed) {
        int at = random.nextInt(seed.length() + 1);
        return switch (random.nextInt(5)) {
            case 0 -> new Mutated("truncated at " + at, seed.substring(0, at));
            case 1 -> {
                String junk = pick(random, List.of("\u0000", "\u0001", "}", "]", "\"", ",", ":", "\\", "\\u12",
                        "\n", "\t", "\uFFFE", "{", "[", "'", "#", "&", "*", "!", "%", "\r"));
                yield new Mutated("inserted " + JSON.writeValueAsString(junk) + " at " + at,
                        seed.substring(0, at) + junk + seed.substring(at));
            }
            case 2 -> {
                // a duplicate key: the first key of the document again, with another type of value
                int quote = seed.indexOf('"');
                int end = quote < 0 ? -1 : seed.indexOf('"', quote + 1);
                if (end < 0) {
                    yield new Mutated("doubled", seed + seed);
                }
                String key = seed.substring(quote, end + 1);
                int brace = seed.indexOf('{');
                yield new Mutated("duplicate key " + key, seed.substring(0, brace + 1) + key + ": 12, "
                        + seed.substring(brace + 1));
            }
            case 3 -> new Mutated("doubled", seed + seed);
            default -> new Mutated("cut out a piece", seed.substring(0, at / 2) + seed.substring(at));
        };
    }

    private Mutated treeMutations(Random random, String seed, int count) {
        JsonNode root = JSON.readTree(seed);
        List<String> raws = new ArrayList<>();
        List<String> hows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hows.add(treeMutation(random, root, raws));
        }
        String body = JSON.writeValueAsString(root);
        for (int i = 0; i < raws.size(); i++) {
            body = body.replace("\"" + RAW.formatted(i) + "\"", raws.get(i));
        }
        return new Mutated(String.join(", ", hows), body);
    }

    private String treeMutation(Random random, JsonNode root, List<String> raws) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        Slot slot = pick(random, slots);
        return switch (random.nextInt(11)) {
            case 0 -> {
                JsonNode value = pick(random, List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(7),
                        NODES.stringNode("seven"), NODES.arrayNode(), NODES.objectNode(),
                        NODES.arrayNode().add(NODES.objectNode())));
                slot.set(value);
                yield slot.where() + " -> " + value;
            }
            case 1 -> {
                if (slot.parent() instanceof ObjectNode object) {
                    object.remove(slot.key());
                    yield "removed " + slot.where();
                }
                slot.set(NODES.nullNode());
                yield slot.where() + " -> null";
            }
            case 2 -> {
                String value = pick(random, FuzzCorpus.HOSTILE_STRINGS);
                slot.set(NODES.stringNode(value));
                yield slot.where() + " -> " + shorten(JSON.writeValueAsString(value));
            }
            case 3 -> {
                String number = pick(random, FuzzCorpus.HOSTILE_NUMBERS);
                slot.set(raw(raws, number));
                yield slot.where() + " -> " + number;
            }
            case 4 -> {
                String schema = pick(random, FuzzCorpus.BAD_SCHEMAS);
                Slot target = schemaSlot(random, slots, slot);
                target.set(raw(raws, schema));
                yield target.where() + " -> bad schema " + schema;
            }
            case 5 -> {
                int depth = pick(random, List.of(40, 99, 101, 150, 300, 499, 501, 1000, 3000));
                boolean arrays = random.nextBoolean();
                String nested = arrays ? "[".repeat(depth) + "1" + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                slot.set(raw(raws, nested));
                yield slot.where() + " -> " + (arrays ? "arrays" : "objects") + " nested " + depth + " deep";
            }
            case 6 -> {
                int length = random.nextInt(10) == 0 ? 1_500_000 : pick(random, List.of(5_000, 70_000));
                slot.set(NODES.stringNode("x".repeat(length)));
                yield slot.where() + " -> a string of " + length + " characters";
            }
            case 7 -> {
                ArrayNode many = NODES.arrayNode();
                int size = pick(random, List.of(100, 1000, 10_000));
                // copies of a leaf, or of a small subtree: enough to find a missing bound, not to load the machine
                // (a 1,500,000-character string copied 1,000 times made a 1.5 GB body, which filled the heap)
                JsonNode current = slot.current();
                JsonNode element = current == null || current.size() > 3
                        || JSON.writeValueAsString(current).length() > 200 ? NODES.numberNode(1) : current;
                for (int i = 0; i < size; i++) {
                    many.add(element.deepCopy());
                }
                slot.set(many);
                yield slot.where() + " -> an array of " + size + " copies";
            }
            case 8 -> {
                if (slot.current() instanceof ObjectNode object) {
                    object.put(pick(random, List.of("unknown", "", "\u0000", "$where", "a.b", "__proto__",
                            "constructor", "x".repeat(3000))), "surprise");
                    yield "unknown field in " + slot.where();
                }
                slot.set(NODES.objectNode().put("__proto__", "polluted"));
                yield slot.where() + " -> __proto__ object";
            }
            case 9 -> {
                // the right type, a value just out of range for names, ids and versions
                String value = pick(random, List.of("a".repeat(64), "a".repeat(65), "a".repeat(257), "A-B",
                        "a_b", "-a", "a-", "a--b", "0", "ä", "a b", "a\tb"));
                slot.set(NODES.stringNode(value));
                yield slot.where() + " -> " + shorten(JSON.writeValueAsString(value));
            }
            default -> {
                String text = pick(random, FuzzCorpus.HOSTILE_STRINGS);
                slot.set(raw(raws, "\"" + escapedSurrogates(text) + "\""));
                yield slot.where() + " -> lone surrogate around " + shorten(JSON.writeValueAsString(text));
            }
        };
    }

    private Mutated specMutation(Random random, String seed) {
        String body = switch (random.nextInt(10)) {
            case 0 -> seed.replace("\"#/components/schemas/Item\"", "\"#/components/schemas/Nowhere\"");
            case 1 -> seed.replace("\"type\": \"object\", \"properties\"",
                    "\"$ref\": \"#/components/schemas/Item\", \"properties\"");
            case 2 -> seed.replace("\"#/components/schemas/Item\"", "\"file:///etc/passwd\"");
            case 3 -> seed.replace("\"#/components/schemas/Item\"", "\"http://127.0.0.1:9/item.json\"");
            case 4 -> seed.replace("\"3.0.3\"", pick(random, List.of("\"9.9.9\"", "3", "null", "\"\"", "\"2.0\"",
                    "[\"3.0.3\"]")));
            case 5 -> seed.replace("\"getItem\"", "\"" + pick(random, List.of("", " ", "get Item", "GET/item",
                    "x".repeat(3000), "\u00e9\u00e9", "__", "123", "a-b-c")) + "\"");
            case 6 -> seed.replace("\"/items/{id}\"", "\"" + pick(random, List.of("/items/{", "/items/{}",
                    "items", "", "/{a}/{a}", "/items/{id}/{id}", "//", "/items/{i d}")) + "\"");
            case 7 -> seed.replace("\"paths\": {", "\"paths\": {" + manyPaths(pick(random, List.of(300, 3000))));
            case 8 -> seed.replace("\"http://127.0.0.1:9/api\"", "\"" + pick(random, List.of("{scheme}://x",
                    "", "not a url", "http://[::1", "ftp://x", "/relative", "http://127.0.0.1:99999")) + "\"");
            default -> seed.replace("\"in\": \"path\"", "\"in\": \"" + pick(random, List.of("nowhere", "cookie",
                    "", "body", "formData")) + "\"");
        };
        return new Mutated("spec", body);
    }

    private Mutated yamlMutation(Random random, String seed) {
        return switch (random.nextInt(9)) {
            case 0 -> new Mutated("yaml: billion laughs", """
                    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                    """ + seed);
            case 1 -> new Mutated("yaml: a local tag", "!!python/object/apply:os.system [\"true\"]\n" + seed);
            case 2 -> new Mutated("yaml: an undefined alias", seed + "\nextra: *nowhere\n");
            case 3 -> new Mutated("yaml: tabs", seed.replace("  ", "\t"));
            case 4 -> new Mutated("yaml: two documents", seed + "\n---\n" + seed);
            case 5 -> new Mutated("yaml: duplicate keys", seed + "\n" + seed.lines().findFirst().orElse("a: 1"));
            case 6 -> new Mutated("yaml: nested flow", "x: " + "[".repeat(3000) + "]".repeat(3000) + "\n" + seed);
            case 7 -> new Mutated("yaml: a scalar", pick(random, List.of("just text", "42", "~", "'quoted'",
                    "- list\n- only", "!!binary AAAA")));
            default -> textMutation(random, seed);
        };
    }

    private Mutated jsonRpcMutation(Random random, String seed) {
        return switch (random.nextInt(8)) {
            case 0 -> new Mutated("json-rpc: a batch", "[" + seed + "," + seed + "]");
            case 1 -> new Mutated("json-rpc: an empty batch", "[]");
            case 2 -> new Mutated("json-rpc: no version", seed.replace("\"jsonrpc\": \"2.0\", ", ""));
            case 3 -> new Mutated("json-rpc: version 1.0", seed.replace("\"2.0\"", "\"1.0\""));
            case 4 -> new Mutated("json-rpc: unknown method", seed.replaceFirst("\"method\": \"[^\"]*\"",
                    "\"method\": \"" + pick(random, List.of("nope", "", "rpc.discover", "tools/call/x",
                            "resources/read", "sampling/createMessage")) + "\""));
            case 5 -> new Mutated("json-rpc: odd id", seed.replaceFirst("\"id\": \\d+", "\"id\": "
                    + pick(random, List.of("{}", "[]", "null", "1e400", "\"" + "i".repeat(5000) + "\"", "true"))));
            case 6 -> new Mutated("json-rpc: params not an object", seed.replaceFirst("\"params\": \\{",
                    "\"params\": [{"));
            default -> new Mutated("json-rpc: a response instead", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {}}");
        };
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A place in a JSON tree that a mutation can replace. */
    private record Slot(JsonNode parent, String key, int index, JsonNode current, String where) {

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(key, value);
            } else if (parent instanceof ArrayNode array) {
                array.set(index, value);
            }
        }
    }

    private static void collect(JsonNode root, List<Slot> slots) {
        collect(null, null, -1, root, "$", slots);
    }

    private static void collect(JsonNode parent, String key, int index, JsonNode node, String where,
            List<Slot> slots) {
        if (parent != null) {
            slots.add(new Slot(parent, key, index, node, where));
        }
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                collect(object, name, -1, object.get(name), where + "." + name, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array, null, i, array.get(i), where + "[" + i + "]", slots);
            }
        }
        if (parent == null && slots.isEmpty() && node instanceof ObjectNode object) {
            slots.add(new Slot(object, "added", -1, null, "$.added"));
        }
    }

    private static Slot schemaSlot(Random random, List<Slot> slots, Slot fallback) {
        List<Slot> schemas = slots.stream().filter(s -> s.key() != null && List.of("inputSchema", "outputSchema",
                "parameters", "responseSchema", "schema", "requestBody").contains(s.key())).toList();
        return schemas.isEmpty() ? fallback : pick(random, schemas);
    }

    private static JsonNode raw(List<String> raws, String text) {
        raws.add(text);
        return NODES.stringNode(RAW.formatted(raws.size() - 1));
    }

    private static String escapedSurrogates(String text) {
        String escaped = JSON.writeValueAsString(text);
        return "\\ud800" + escaped.substring(1, escaped.length() - 1) + "\\udfff\\udc00";
    }

    private static String manyPaths(int count) {
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < count; i++) {
            paths.append("\"/p").append(i).append("\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}},");
        }
        return paths.toString();
    }

    private static Map<String, String> manyHeaders(int count) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            headers.put("X-Fuzz-" + i, "v".repeat(40));
        }
        return headers;
    }

    private static String flipOne(Random random, String token) {
        int at = token.lastIndexOf('.') + 1 + random.nextInt(5);
        char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + flipped + token.substring(at + 1);
    }

    /** The same claims with {@code alg: none} and no signature: must never be accepted. */
    private static String unsigned(String token) {
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + token.substring(token.indexOf('.'), token.lastIndexOf('.') + 1);
    }

    private String path(Endpoint endpoint, Map.Entry<String, String> broken, Random random) {
        String path = endpoint.path();
        for (String placeholder : placeholders(path)) {
            String value = broken != null && broken.getKey().equals(placeholder) ? broken.getValue()
                    : endpoint.destructive() ? "fuzz-gone-" + random.nextInt(1000) : fixture.get(placeholder);
            path = path.replace("{" + placeholder + "}", value);
        }
        if (!endpoint.query().isEmpty()) {
            path += "?" + endpoint.query().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
        }
        return path;
    }

    private static List<String> placeholders(String path) {
        List<String> names = new ArrayList<>();
        int at = path.indexOf('{');
        while (at >= 0) {
            int end = path.indexOf('}', at);
            names.add(path.substring(at + 1, end));
            at = path.indexOf('{', end);
        }
        return names;
    }

    private static String contentTypeOf(String seed) {
        return seed == null ? null : seed.startsWith("{") ? "application/json" : "application/yaml";
    }

    private static String seedOf(Endpoint endpoint, Random random) {
        return endpoint.kind() == BodyKind.NONE ? null : pick(random, endpoint.seeds());
    }

    private static FuzzRequest request(Endpoint endpoint, String how, String method, String path, String contentType,
            String body, String token, Map<String, String> headers) {
        if (endpoint.kind() == BodyKind.JSON_RPC && headers.isEmpty() && !how.startsWith("auth")) {
            // what an MCP client sends; without it the SDK refuses before reading the message
            headers = Map.of("Accept", "application/json, text/event-stream");
        }
        return new FuzzRequest(endpoint.method() + " " + endpoint.path(), how, method, path, contentType, body, token,
                headers);
    }

    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 40) + "…(" + text.length() + " chars)";
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
