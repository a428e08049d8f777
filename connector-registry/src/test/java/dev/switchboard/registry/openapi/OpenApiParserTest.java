package dev.switchboard.registry.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.switchboard.registry.connector.OperationDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiParserTest {

    private static final Schema META_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    private final OpenApiParser parser = new OpenApiParser();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void petstore30() {
        ParsedSpec spec = parser.parse(resource("petstore-3.0.yaml"));
        Map<String, OperationDefinition> ops = byName(spec);

        assertThat(ops).containsOnlyKeys("list_pets", "create_pets", "show_pet_by_id");
        assertThat(ops.get("list_pets").method()).isEqualTo("GET");
        assertThat(ops.get("list_pets").description()).isEqualTo("List all pets");
        assertThat(ops.get("list_pets").parameters().at("/properties/limit/in").asString()).isEqualTo("query");
        assertThat(ops.get("list_pets").parameters().at("/properties/limit/maximum").asInt()).isEqualTo(100);
        assertThat(ops.get("list_pets").responseSchema().at("/items/properties/name/type").asString())
                .isEqualTo("string");
        JsonNode create = ops.get("create_pets").parameters();
        assertThat(create.get("properties").propertyNames()).containsExactlyInAnyOrder("id", "name", "tag");
        assertThat(create.at("/properties/name/in").asString()).isEqualTo("body");
        assertThat(create.get("required").valueStream().map(JsonNode::asString)).containsExactly("id", "name");
        assertThat(create.at("/properties/tag/type").toString()).isEqualTo("[\"string\",\"null\"]");
        JsonNode show = ops.get("show_pet_by_id").parameters();
        assertThat(show.at("/properties/petId/in").asString()).isEqualTo("path");
        assertThat(show.at("/properties/petId/description").asString()).isEqualTo("The id of the pet to retrieve");
        assertThat(show.at("/properties/X-Request-Id/in").asString()).isEqualTo("header");
        assertThat(show.at("/properties/session/in").asString()).isEqualTo("header");
        assertThat(show.get("required").valueStream().map(JsonNode::asString)).containsExactly("petId");
        assertThat(spec.warnings()).anySatisfy(w -> assertThat(w).contains("cookie parameter 'session'"));
        assertThat(spec.suggested().baseUrl()).isEqualTo("http://petstore.swagger.io/v1");
        assertThat(spec.suggested().auth().toString()).isEqualTo(
                "{\"type\":\"api_key\",\"position\":\"header\",\"header\":\"X-API-Key\",\"secret\":\"api_key\"}");
        assertStandalone(spec);
    }

    @Test
    void swagger20IsConverted() {
        ParsedSpec spec = parser.parse(resource("petstore-swagger-2.0.json"));
        Map<String, OperationDefinition> ops = byName(spec);

        assertThat(ops).containsOnlyKeys("add_pet", "upload_photo", "get_pets_id_photo");
        JsonNode add = ops.get("add_pet").parameters();
        assertThat(add.at("/properties/X-Trace/in").asString()).isEqualTo("header");
        assertThat(add.at("/properties/name/in").asString()).isEqualTo("body");
        assertThat(add.get("required").valueStream().map(JsonNode::asString)).contains("name");
        assertThat(ops.get("upload_photo").parameters().at("/properties/caption/in").asString()).isEqualTo("body");
        assertThat(ops.get("upload_photo").parameters().at("/properties/id/in").asString()).isEqualTo("path");
        assertThat(spec.suggested().baseUrl()).startsWith("http").endsWith("://petstore.example.com/api");
        assertThat(spec.suggested().auth().get("type").asString()).isEqualTo("basic");
        assertThat(spec.suggested().auth().get("secret").asString()).isEqualTo("basic_auth");
        assertStandalone(spec);
    }

    @Test
    void openApi31WithDefsAndOauth2() {
        ParsedSpec spec = parser.parse(resource("spec-3.1-defs.yaml"));
        OperationDefinition create = spec.operations().getFirst();

        assertThat(create.name()).isEqualTo("create_order");
        assertThat(create.parameters().at("/properties/lines/items/properties/sku/type").asString())
                .isEqualTo("string");
        assertThat(create.parameters().at("/properties/note/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(create.parameters().get("required").valueStream().map(JsonNode::asString)).containsExactly("lines");
        assertThat(spec.suggested().baseUrl()).isEqualTo("https://orders.example.com/v2");
        assertThat(spec.suggested().auth().get("type").asString()).isEqualTo("oauth2_client_credentials");
        assertThat(spec.suggested().auth().get("tokenUrl").asString()).isEqualTo("https://auth.example.com/oauth/token");
        assertThat(spec.suggested().auth().get("scopes").valueStream().map(JsonNode::asString))
                .containsExactly("orders:read", "orders:write");
        assertStandalone(spec);
    }

    /**
     * swagger-parser's javax swagger-core next to springdoc's jakarta one: which wins depends on the
     * class path order, and in the Boot jar the javax one did, so every 3.1 document (Json31) failed
     * with NoClassDefFoundError javax.xml.bind (a 500 from parse-openapi, found by PublicApiFuzzIT).
     */
    @Test
    void theSwaggerModelClassesComeFromOneJarOnly() throws IOException {
        List<java.net.URL> copies = java.util.Collections.list(getClass().getClassLoader()
                .getResources("io/swagger/v3/core/util/Json31.class"));

        assertThat(copies).as("jars with swagger-core's Json31").hasSize(1);
        assertThat(copies.getFirst().toString()).contains("jakarta");
    }

    /** Found by PublicApiFuzzIT: swagger-parser expanded every alias, 9^7 of them, for 20 s. */
    @Test
    void aBillionLaughsDocumentIsRefused() {
        String bomb = """
                openapi: 3.0.3
                info: {title: lol, version: "1"}
                paths: {}
                x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                x-f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                x-g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                x-h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                x-i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;

        assertThatThrownBy(() -> parser.parse(bomb)).isInstanceOf(SpecParseException.class);
    }

    @Test
    void recursiveSchemasAreCutNotFollowedForever() {
        ParsedSpec spec = parser.parse(resource("recursive.yaml"));
        Map<String, OperationDefinition> ops = byName(spec);

        assertThat(ops).containsOnlyKeys("plant_tree", "plant_tree_2");
        assertThat(ops.get("plant_tree").parameters().at("/properties/children/items/description").asString()).isEqualTo("recursive reference to TreeNode (cut)");
        assertThat(ops.get("plant_tree").responseSchema().at("/properties/manager/description")
                .asString()).contains("(cut)");
        assertThat(ops.get("plant_tree_2").parameters().at("/properties/b/properties/a/description")
                .asString()).isEqualTo("recursive reference to A (cut)");
        assertThat(spec.suggested().baseUrl()).isNull();
        assertThat(spec.warnings()).anySatisfy(w -> assertThat(w).contains("relative"));
        assertStandalone(spec);
    }

    @Test
    void twoHundredOperationsGetUniqueBoundedNames() {
        StringBuilder yaml = new StringBuilder("openapi: 3.0.0\ninfo: {title: Big, version: '1'}\npaths:\n");
        for (int i = 0; i < 105; i++) {
            yaml.append("  /things/{id}/part").append(i).append(":\n")
                    .append("    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n")
                    .append("    get: {operationId: getThingPartWithAVeryLongDescriptiveOperationIdentifierNumber")
                    .append(i % 3).append(", responses: {'200': {description: ok}}}\n")
                    .append("    post: {responses: {'200': {description: ok}}}\n");
        }
        long started = System.nanoTime();
        ParsedSpec spec = parser.parse(yaml.toString());
        System.out.printf("parsed %d operations in %d ms%n", spec.operations().size(),
                (System.nanoTime() - started) / 1_000_000);

        List<String> names = spec.operations().stream().map(OperationDefinition::name).toList();
        assertThat(names).hasSize(210).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(64).matches("[a-z0-9_]+"));
        assertThat(parser.parse(yaml.toString()).operations().stream().map(OperationDefinition::name).toList())
                .isEqualTo(names);
    }

    @Test
    void namesAreSafeSnakeCase() {
        OperationNamer namer = new OperationNamer();

        assertThat(namer.name("getHTTPStatus", "get", "/s")).isEqualTo("get_http_status");
        assertThat(namer.name("list pets.v2", "get", "/p")).isEqualTo("list_pets_v2");
        assertThat(namer.name("---", "get", "/pets/{petId}/toys")).isEqualTo("get_pets_pet_id_toys");
        assertThat(namer.name(null, "delete", "/pets/{petId}")).isEqualTo("delete_pets_pet_id");
        assertThat(namer.name("getHTTPStatus", "get", "/other")).isEqualTo("get_http_status_2");
    }

    @Test
    void whatIsNotASpecIsRefusedWithTheParsersMessages() {
        for (String text : List.of("this is not a spec at all", "{\"hello\": \"world\"}",
                "openapi: 3.0.0\ninfo: [unclosed")) {
            assertThatThrownBy(() -> parser.parse(text)).as(text).isInstanceOf(SpecParseException.class)
                    .satisfies(e -> assertThat(((SpecParseException) e).messages()).isNotEmpty());
        }
    }

    /** No reference is left, and every parameters object is valid JSON Schema 2020-12. */
    private void assertStandalone(ParsedSpec spec) {
        for (OperationDefinition op : spec.operations()) {
            assertThat(op.parameters().toString()).as(op.name()).doesNotContain("$ref");
            assertThat(META_SCHEMA.validate(op.parameters())).as(op.name() + " " + op.parameters()).isEmpty();
            if (op.responseSchema() != null) {
                assertThat(op.responseSchema().toString()).doesNotContain("$ref");
                assertThat(META_SCHEMA.validate(op.responseSchema())).as(op.name()).isEmpty();
            }
        }
    }

    private static Map<String, OperationDefinition> byName(ParsedSpec spec) {
        return spec.operations().stream().collect(Collectors.toMap(OperationDefinition::name, Function.identity()));
    }

    private static String resource(String name) {
        try (InputStream in = OpenApiParserTest.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Found by PublicApiFuzzIT: swagger-parser's NullPointerException named its classes in the 422. */
    @Test
    void aDocumentThatBreaksTheParserIsRefusedWithoutTheParsersInternals() {
        String broken = """
                {"openapi": "%s", "info": [{"url": "http://127.0.0.1:9/api"}],
                 "paths": {"/items/{id}": {"get": {"responses": {"200": [{}], "unknown": "surprise"}}}}}"""
                .formatted("x".repeat(5000));

        assertThatThrownBy(() -> parser.parse(broken)).isInstanceOfSatisfying(SpecParseException.class,
                refused -> assertThat(String.join(" ", refused.messages())).contains("could not read this document")
                        .doesNotContain("io.swagger", "Cannot invoke",
                        "null"));
    }
}
