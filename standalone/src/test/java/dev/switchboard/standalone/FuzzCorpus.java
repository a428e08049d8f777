package dev.switchboard.standalone;

import java.util.List;
import java.util.Map;

/**
 * The bad-input sweep's corpus: every public endpoint of ARCHITECTURE §4 with a valid request
 * to start from, and the hostile values mutations draw on. Path templates name the fixture they
 * need ({@code {cns}/{cname}} a connector, {@code {ans}/{aname}} an agent, {@code {tool}},
 * {@code {op}}, {@code {run}}, {@code {secret}}); the sweep fills them in, or puts a hostile
 * segment in one of them.
 */
final class FuzzCorpus {

    /** What a body is, which decides the content types and mutations that fit it. */
    enum BodyKind { NONE, JSON, SPEC, APPLY, JSON_RPC }

    /**
     * @param query valid query parameters; mutations break them
     * @param seeds valid bodies (JSON, or YAML for SPEC and APPLY); empty for NONE
     * @param destructive true for deletes: a fixture is never the target, so the sweep keeps them
     */
    record Endpoint(String name, String method, String path, Map<String, String> query, BodyKind kind,
            List<String> seeds, boolean destructive) {
    }

    static final String CONNECTOR = """
            {"namespace": "fuzz", "name": "made", "description": "made by the sweep", "type": "http",
             "baseUrl": "http://127.0.0.1:9/api", "auth": {"type": "bearer", "secret": "fuzz_secret"},
             "headers": {"X-Fuzz": "yes"}, "timeoutMs": 5000,
             "retry": {"maxAttempts": 2, "backoffMs": 10, "retryOn": [502, 503]}, "rateLimit": {"perSecond": 5},
             "operations": [{"name": "get_item", "description": "one item", "method": "GET", "path": "/items/{id}",
               "parameters": {"type": "object", "required": ["id"],
                 "properties": {"id": {"type": "integer", "in": "path"}, "q": {"type": "string", "in": "query"}}},
               "responseSchema": {"type": "object"}}]}""";

    static final String TOOL = """
            {"id": "fuzz-made", "instruction": "made by the sweep",
             "inputSchema": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
             "outputSchema": {"type": "object"}, "concurrency": 4,
             "steps": [{"id": "one", "connector": "fuzz/target", "operation": "get_item", "parameters": {"id": "<<id>>"},
                        "dataSelector": "(sourceData) => [1, 2]", "failureBehavior": "continue"},
                       {"id": "raw", "connector": "fuzz/target", "method": "GET", "path": "/items/<<currentItem>>",
                        "queryParams": {"a": "<<id>>"}, "headers": {"X-A": "b"},
                        "pagination": {"type": "pageBased", "pageSize": 10, "maxPages": 2,
                                       "stopCondition": "(response, pageInfo) => true"}}],
             "outputTransform": "(sourceData) => ({n: sourceData.one.length})",
             "defaultOptions": {"timeoutMs": 10000}}""";

    static final String AGENT = """
            {"namespace": "fuzz", "name": "made", "description": "made by the sweep", "variables": {"who": "fuzz"},
             "enabledConnectors": [{"connector": "fuzz/target", "operations": ["get_item"],
                                    "parameters": {"get_item": {"id": "{{ who }}"}}}]}""";

    static final String SECRET = """
            {"name": "fuzz_made", "value": "not-a-real-secret", "scope": "private", "description": "sweep"}""";

    static final String OPENAPI_JSON = """
            {"openapi": "3.0.3", "info": {"title": "Items", "version": "1"},
             "servers": [{"url": "http://127.0.0.1:9/api"}],
             "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
               "schemas": {"Item": {"type": "object", "properties": {"id": {"type": "integer"}}}}},
             "paths": {"/items/{id}": {"get": {"operationId": "getItem",
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
               "responses": {"200": {"description": "ok", "content": {"application/json":
                 {"schema": {"$ref": "#/components/schemas/Item"}}}}}}}}}""";

    static final String OPENAPI_YAML = """
            openapi: 3.1.0
            info: {title: Items, version: "1"}
            paths:
              /items:
                post:
                  operationId: createItem
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {name: {type: string}}}
                  responses:
                    "201": {description: created}
            """;

    static final String SWAGGER_YAML = """
            swagger: "2.0"
            info: {title: Old, version: "1"}
            host: 127.0.0.1:9
            basePath: /v1
            paths:
              /things:
                get:
                  operationId: listThings
                  parameters: [{name: limit, in: query, type: integer}]
                  responses: {"200": {description: ok}}
            """;

    static final String APPLY_YAML = """
            connectors:
              - namespace: fuzz
                name: applied
                type: http
                baseUrl: http://127.0.0.1:9
                operations:
                  - {name: ping, method: GET, path: /ping}
            tools:
              - id: fuzz-applied
                steps: [{id: one, connector: fuzz/applied, operation: ping}]
            """;

    static final String APPLY_JSON = """
            {"connectors": [{"namespace": "fuzz", "name": "applied-json", "type": "http", "baseUrl": "http://127.0.0.1:9",
              "operations": [{"name": "ping", "method": "GET", "path": "/ping"}]}],
             "agents": [{"namespace": "fuzz", "name": "applied", "enabledConnectors": [{"connector": "fuzz/target"}]}]}""";

    static final String MCP_CALL = """
            {"jsonrpc": "2.0", "id": 7, "method": "tools/call",
             "params": {"name": "connector__fuzz__target__get_item", "arguments": {"id": 2},
                        "_meta": {"toolCallId": "mcp-fuzz", "chatId": "fuzz"}}}""";

    static final String MCP_LIST = """
            {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}""";

    static final String MCP_INIT = """
            {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
             "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}}""";

    private static final Map<String, String> PAGING = Map.of("page", "1", "limit", "10");

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("create connector", "POST", "/api/v1/connectors", Map.of(), BodyKind.JSON,
                    List.of(CONNECTOR), false),
            new Endpoint("list connectors", "GET", "/api/v1/connectors",
                    Map.of("namespace", "fuzz", "q", "targ", "page", "1", "limit", "10"), BodyKind.NONE, List.of(), false),
            new Endpoint("get connector", "GET", "/api/v1/connectors/{cns}/{cname}", Map.of(), BodyKind.NONE,
                    List.of(), false),
            new Endpoint("replace connector", "PUT", "/api/v1/connectors/{cns}/{cname}", Map.of(), BodyKind.JSON,
                    List.of(CONNECTOR.replace("\"made\"", "\"target\"")), false),
            new Endpoint("delete connector", "DELETE", "/api/v1/connectors/{cns}/{cname}", Map.of("version", "1"),
                    BodyKind.NONE, List.of(), true),
            new Endpoint("parse openapi", "POST", "/api/v1/connectors/parse-openapi", Map.of(), BodyKind.SPEC,
                    List.of(OPENAPI_JSON, OPENAPI_YAML, SWAGGER_YAML,
                            "{\"spec\": " + OPENAPI_JSON + "}", "{\"url\": \"http://127.0.0.1:9/openapi.json\"}"),
                    false),
            new Endpoint("import openapi", "POST", "/api/v1/connectors/{cns}/{cname}/import-openapi", Map.of(),
                    BodyKind.SPEC, List.of("{\"spec\": " + OPENAPI_JSON + ", \"operations\": [\"get_item\"],"
                            + " \"replace\": false}", OPENAPI_YAML), false),
            new Endpoint("test operation", "POST", "/api/v1/connectors/{cns}/{cname}/test/{op}", Map.of(),
                    BodyKind.JSON, List.of("""
                            {"parameters": {"id": 2}, "credentials": {"fuzz_secret": "x"}, "timeoutMs": 5000}"""),
                    false),
            new Endpoint("apply", "POST", "/api/v1/connectors/apply", Map.of(), BodyKind.APPLY,
                    List.of(APPLY_YAML, APPLY_JSON), false),
            new Endpoint("create tool", "POST", "/api/v1/tools", Map.of(), BodyKind.JSON, List.of(TOOL), false),
            new Endpoint("list tools", "GET", "/api/v1/tools", PAGING, BodyKind.NONE, List.of(), false),
            new Endpoint("get tool", "GET", "/api/v1/tools/{tool}", Map.of(), BodyKind.NONE, List.of(), false),
            new Endpoint("replace tool", "PUT", "/api/v1/tools/{tool}", Map.of(), BodyKind.JSON,
                    List.of(TOOL.replace("fuzz-made", "fuzz-tool")), false),
            new Endpoint("delete tool", "DELETE", "/api/v1/tools/{tool}", Map.of("version", "1"), BodyKind.NONE,
                    List.of(), true),
            new Endpoint("run tool", "POST", "/api/v1/tools/{tool}/run", Map.of(), BodyKind.JSON, List.of("""
                    {"inputs": {"id": 2}, "credentials": {"fuzz_secret": "x"},
                     "options": {"async": true, "timeoutMs": 10000, "traceId": "fuzz"}}"""), false),
            new Endpoint("list runs", "GET", "/api/v1/runs",
                    Map.of("toolId", "fuzz-tool", "status", "success", "triggerType", "API", "chatId", "fuzz",
                            "since", "2026-01-01T00:00:00Z", "until", "2036-01-01T00:00:00Z", "page", "1",
                            "limit", "5"), BodyKind.NONE, List.of(), false),
            new Endpoint("list executions", "GET", "/api/v1/executions",
                    Map.of("chat_id", "fuzz", "trigger_type", "AGENT", "status", "failed", "limit", "5"),
                    BodyKind.NONE, List.of(), false),
            new Endpoint("get run", "GET", "/api/v1/runs/{run}", Map.of(), BodyKind.NONE, List.of(), false),
            new Endpoint("get execution", "GET", "/api/v1/executions/{run}", Map.of(), BodyKind.NONE, List.of(),
                    false),
            new Endpoint("abort run", "POST", "/api/v1/runs/{run}/abort", Map.of(), BodyKind.JSON,
                    List.of("{\"reason\": \"fuzz\"}"), false),
            new Endpoint("continue run", "POST", "/api/v1/runs/{run}/continue", Map.of(), BodyKind.JSON,
                    List.of("{\"approved\": true, \"input\": {\"itemId\": 2}}"), false),
            new Endpoint("create secret", "POST", "/api/v1/secrets", Map.of(), BodyKind.JSON, List.of(SECRET), false),
            new Endpoint("list secrets", "GET", "/api/v1/secrets", PAGING, BodyKind.NONE, List.of(), false),
            new Endpoint("get secret", "GET", "/api/v1/secrets/{secret}", Map.of("scope", "shared"), BodyKind.NONE,
                    List.of(), false),
            new Endpoint("update secret", "PUT", "/api/v1/secrets/{secret}", Map.of("scope", "shared"),
                    BodyKind.JSON, List.of("{\"value\": \"still-not-real\", \"description\": \"sweep\"}"), false),
            new Endpoint("delete secret", "DELETE", "/api/v1/secrets/{secret}", Map.of("scope", "private"),
                    BodyKind.NONE, List.of(), true),
            new Endpoint("create agent", "POST", "/api/v1/agents", Map.of(), BodyKind.JSON, List.of(AGENT), false),
            new Endpoint("list agents", "GET", "/api/v1/agents", Map.of("namespace", "fuzz", "limit", "10"),
                    BodyKind.NONE, List.of(), false),
            new Endpoint("get agent", "GET", "/api/v1/agents/{ans}/{aname}", Map.of(), BodyKind.NONE, List.of(),
                    false),
            new Endpoint("replace agent", "PUT", "/api/v1/agents/{ans}/{aname}", Map.of(), BodyKind.JSON,
                    List.of(AGENT.replace("\"made\"", "\"agent\"")), false),
            new Endpoint("delete agent", "DELETE", "/api/v1/agents/{ans}/{aname}", Map.of(), BodyKind.NONE,
                    List.of(), true),
            new Endpoint("agent tools", "GET", "/api/v1/agents/{ans}/{aname}/tools", Map.of("format", "openai"),
                    BodyKind.NONE, List.of(), false),
            new Endpoint("agent tool call", "POST", "/api/v1/agents/{ans}/{aname}/tool-calls", Map.of(),
                    BodyKind.JSON, List.of("""
                            {"toolCallId": "call-fuzz", "chatId": "fuzz", "name": "connector__fuzz__target__get_item",
                             "arguments": {"id": 2}}""", """
                            {"toolCallId": "call-fuzz", "name": "connector__fuzz__target__get_item",
                             "arguments": "{\\"id\\": 2}"}"""), false),
            new Endpoint("agent mcp", "POST", "/api/v1/agents/{ans}/{aname}/mcp", Map.of(), BodyKind.JSON_RPC,
                    List.of(MCP_CALL, MCP_LIST, MCP_INIT), false));

    /** The endpoints a sweep picks from: all, or those whose path contains {@code -Dfuzz.endpoints=}. */
    static final List<Endpoint> SELECTED = ENDPOINTS.stream()
            .filter(endpoint -> endpoint.path().contains(System.getProperty("fuzz.endpoints", "")))
            .toList();

    /** Path segments a client might send instead of a name (all of them valid in a URI). */
    static final List<String> HOSTILE_SEGMENTS = List.of("..", "%2e%2e", "..%2f..%2fetc", "%2F", "%00", "a%00b",
            "%0d%0aX-Injected:%201", "%25", "%7B%7D", "%F0%9F%98%80", "%C3%A9t%C3%A9", "%EF%BF%BF", "%C0%AF",
            "%ED%A0%80", "x".repeat(300), "n".repeat(5000), "-1", "0", "null", "undefined", "$where", "%24gt",
            "a;b=c", "~", "*", "%2A", "_", "UPPER", "a.b", "a%20b", "+", "%3Cscript%3E", "'--", "1e400",
            "9999999999999999999999");

    /** Strings put where a template, an expression, a name, a duration or a URL is expected. */
    static final List<String> HOSTILE_STRINGS = List.of("", " ", "<<", "<<>>", "<<(sourceData) =>",
            "<<(sourceData) => >>", "<<(sourceData) => { while (true) {} }>>", "<<a..b>>", "<<<<x>>>>",
            "(sourceData) => {", "(sourceData) => sourceData.constructor.constructor('return this')()",
            "(response, pageInfo) =>", "() => { throw new Error('fuzz') }", "}}{{", "{{secret:", "{{secret:}}",
            "{{secret:../../x}}", "{{ nope }}", "\u0000", "a\u0000b", "\u202e\u0644", "\uD83D\uDE00", "\uFFFF",
            "\r\n\r\nHTTP/1.1 200 OK", "../../../../etc/passwd", "file:///etc/passwd", "http://",
            "http://[::1", "ftp://127.0.0.1:1/x", "javascript:alert(1)", "*/5 * * * *", "PT-1S", "P1000000Y",
            "-1", "1e309", "NaN", "Infinity", "0x10", "true", "null", "%s%s%s%n", "${jndi:ldap://127.0.0.1:1/x}",
            "#{7*7}", "{\"$where\": \"1\"}", "$gt", "'; DROP TABLE runs; --", "x".repeat(2000), "/" + "a/".repeat(500),
            "ns/name/extra", "a/b", "UPPER/CASE", "connector__fuzz__target__get_item__x");

    /** Numbers (as raw JSON text) put where counts, timeouts, pages and versions go. */
    static final List<String> HOSTILE_NUMBERS = List.of("-1", "0", "-0", "1.5", "1e400", "-1e400",
            "99999999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "2147483648", "1e-400", "0.0000001", "1E2");

    /** Malformed JSON Schemas put where a schema (inputSchema, parameters, ...) goes. */
    static final List<String> BAD_SCHEMAS = List.of("{\"type\": 5}", "{\"type\": \"nope\"}",
            "{\"type\": [\"object\", 7]}", "{\"$ref\": \"#/nowhere\"}", "{\"$ref\": \"#\"}",
            "{\"$ref\": \"http://127.0.0.1:9/schema.json\"}", "{\"$ref\": \"file:///etc/passwd\"}",
            "{\"properties\": []}", "{\"properties\": {\"a\": 5}}", "{\"required\": \"id\"}",
            "{\"required\": [1, 2]}", "{\"pattern\": \"((\"}", "{\"type\": \"string\", \"pattern\": \"(a+)+$\"}",
            "{\"minLength\": -1}", "{\"maximum\": \"big\"}", "{\"enum\": []}", "{\"allOf\": {}}",
            "{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\", \"in\": \"nowhere\"}}}",
            "{\"$schema\": \"http://127.0.0.1:9/meta\", \"type\": \"object\"}", "{\"format\": \"nope\"}",
            "{\"definitions\": {\"a\": {\"$ref\": \"#/definitions/a\"}}, \"$ref\": \"#/definitions/a\"}",
            "true", "false", "[]", "\"object\"");

    /** Whole bodies that are not what any endpoint reads. */
    static final List<String> WHOLE_BODIES = List.of("", " ", "null", "[]", "[{}]", "\"text\"", "0", "-1", "true",
            "{", "}", "{}", "{\"a\":}", "{\"a\" 1}", "{'single': 'quotes'}", "{a: 1}", "\uFEFF{}", "/* c */ {}",
            "{\"a\": 1} trailing", "{\"a\": 1}{\"b\": 2}", "<xml/>", "a=b&c=d", "---\n", "--- !!binary AAAA",
            "- a\n- b", "key: [unclosed", "key:\n\t- tab", "? complex\n: key", "*nope", "&a a", "!!set {a, b}",
            "%YAML 9.9\n---\na: 1", "\u0000", "\u0000{}", "{\"\u0000\": 1}", "[" + "1,".repeat(20000) + "1]");

    /** Content types that do not fit, or are malformed. */
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/octet-stream",
            "application/json; charset=nope", "application/json; charset=UTF-16", "application/json;;;",
            "application/", "garbage", "*/*", "application/*", "application/yaml", "text/yaml",
            "application/problem+json", "application/json-patch+json", "application/x-yaml; charset=\"\"");

    /** Methods no endpoint takes (HEAD left out: its answer has no body to check). */
    static final List<String> WRONG_METHODS = List.of("PATCH", "PUT", "DELETE", "POST", "GET", "OPTIONS",
            "TRACE", "FUZZ");

    private FuzzCorpus() {
    }
}
