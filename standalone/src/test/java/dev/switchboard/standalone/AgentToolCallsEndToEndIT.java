package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import dev.switchboard.testing.ApiClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agent tool calls end to end, through the gateway only: the acceptance of issue 8's items 4 and
 * 5. An agent posts messages through a connector to a real local HTTP API with its {@code channel}
 * locked to a variable; the model's arguments come as OpenAI sends them (a JSON string) and, over
 * MCP, from the official SDK's client.
 */
class AgentToolCallsEndToEndIT {

    private static final String LONG_NAMESPACE = "a-rather-long-namespace-for-agents";
    private static final String LONG_NAME = "and-an-even-longer-connector-name";
    private static final String SECRET = "s3cr3t-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path dataDir;

    private static Standalone standalone;
    private static StandaloneOptions options;
    private static MessageApi api;
    private static String alice;

    @BeforeAll
    static void start() throws Exception {
        api = new MessageApi();
        SharedStandalone shared = SharedStandalone.get();
        dataDir = shared.dataDir;
        options = shared.options;
        standalone = shared.standalone;
        String admin = SwitchboardCommand.token(new TokenOptions("ops", List.of("admin"), dataDir,
                Duration.ofMinutes(30)));
        alice = SwitchboardCommand.token(new TokenOptions("alice", List.of("user"), dataDir, Duration.ofMinutes(30)));
        String operations = """
                [{"name": "post_message", "method": "POST", "path": "/messages",
                  "parameters": {"type": "object", "required": ["channel", "text"],
                    "properties": {"channel": {"type": "string", "in": "body"},
                                   "text": {"type": "string", "minLength": 1, "in": "body"}}}}]""";
        created(post("/api/v1/connectors", admin, """
                {"namespace": "chat", "name": "sink", "type": "http", "baseUrl": "%s", "operations": %s}"""
                .formatted(api.baseUrl(), operations)));
        created(post("/api/v1/connectors", admin, """
                {"namespace": "%s", "name": "%s", "type": "http", "baseUrl": "%s", "operations": %s}"""
                .formatted(LONG_NAMESPACE, LONG_NAME, api.baseUrl(), operations)));
        created(post("/api/v1/secrets", admin, """
                {"name": "sink_token", "scope": "shared", "value": "%s"}""".formatted(SECRET)));
        created(post("/api/v1/connectors", admin, """
                {"namespace": "chat", "name": "echo", "type": "http", "baseUrl": "%s",
                 "auth": {"type": "bearer", "secret": "sink_token"},
                 "operations": [{"name": "whoami", "method": "POST", "path": "/echo",
                   "parameters": {"type": "object", "properties": {"note": {"type": "string", "in": "body"},
                                                                  "signature": {"type": "string", "in": "body"}}}}]}"""
                .formatted(api.baseUrl())));
        created(post("/api/v1/agents", admin, """
                {"namespace": "chat", "name": "announcer", "variables": {"default_channel": "#general"},
                 "enabledConnectors": [
                   {"connector": "chat/sink", "operations": ["post_message"],
                    "parameters": {"post_message": {"channel": "{{ default_channel }}"}}},
                   {"connector": "%s/%s", "parameters": {"post_message": {"channel": "#long"}}},
                   {"connector": "chat/echo", "parameters": {"whoami": {"signature": "{{secret:sink_token}}"}}}]}"""
                .formatted(LONG_NAMESPACE, LONG_NAME)));
    }

    @AfterAll
    static void stop() {
        // the standalone is shared (SharedStandalone): it stops when the test JVM does
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aLockedChannelWinsOverTheModelsArgumentsGivenAsAJsonString() throws Exception {
        String name = functionNames().getFirst();
        String toolCallId = "call_" + UUID.randomUUID();
        HttpResponse<String> response = post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "%s", "chatId": "chat-locked", "name": "%s",
                 "arguments": "{\\"channel\\": \\"#attackers\\", \\"text\\": \\"hello <<channel>>\\"}"}"""
                .formatted(toolCallId, name));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("toolCallId").asString()).isEqualTo(toolCallId);
        assertThat(result.get("isError").asBoolean()).as(response.body()).isFalse();
        assertThat(JSON.readTree(result.get("content").asString()).get("ok").asBoolean()).isTrue();
        JsonNode received = api.lastWith("hello <<channel>>");
        // the model's text arrives as it was, never evaluated as a template
        assertThat(received.get("channel").asString()).isEqualTo("#general");
        JsonNode run = JSON.readTree(get("/api/v1/runs/" + result.get("runId").asString(), alice).body());
        assertThat(run.get("status").asString()).isEqualTo("success");
        JsonNode trigger = run.get("metadata").get("trigger");
        assertThat(trigger.get("type").asString()).isEqualTo("AGENT");
        assertThat(trigger.get("toolCallId").asString()).isEqualTo(toolCallId);
        assertThat(trigger.get("chatId").asString()).isEqualTo("chat-locked");
        assertThat(trigger.get("userId").asString()).isEqualTo("alice");
    }

    @Test
    void aNameShortenedToSixtyFourCharactersByGetToolsResolvesInToolCalls() throws Exception {
        String unbounded = "connector__" + LONG_NAMESPACE + "__" + LONG_NAME + "__post_message";
        String shortened = functionNames().get(1);
        assertThat(unbounded.length()).isGreaterThan(64);
        assertThat(shortened).hasSizeLessThanOrEqualTo(64).isNotEqualTo(unbounded);

        JsonNode result = JSON.readTree(post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "call-long", "name": "%s", "arguments": {"text": "from the long one"}}"""
                .formatted(shortened)).body());

        assertThat(result.get("isError").asBoolean()).as(result.toString()).isFalse();
        assertThat(api.lastWith("from the long one").get("channel").asString()).isEqualTo("#long");
    }

    @Test
    void argumentsThatBreakTheSchemaAnswerIsErrorWithTheFieldsAndCallNothing() throws Exception {
        String name = functionNames().getFirst();
        int before = api.received.size();
        JsonNode empty = JSON.readTree(post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "call-bad-1", "name": "%s", "arguments": {"text": ""}}""".formatted(name)).body());
        JsonNode missing = JSON.readTree(post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "call-bad-2", "name": "%s", "arguments": "{}"}""".formatted(name)).body());
        JsonNode invented = JSON.readTree(post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "call-bad-3", "name": "%s", "arguments": {"text": "x", "as_user": true}}"""
                .formatted(name)).body());
        JsonNode secret = JSON.readTree(post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "call-bad-4", "name": "%s", "arguments": {"text": "{{secret:slack_token}}"}}"""
                .formatted(name)).body());

        assertThat(empty.get("isError").asBoolean()).isTrue();
        assertThat(empty.get("toolCallId").asString()).isEqualTo("call-bad-1");
        assertThat(empty.get("errors").findValuesAsString("field")).containsExactly("arguments.text");
        assertThat(empty.get("content").asString()).startsWith("INVALID_ARGUMENTS").contains("arguments.text");
        assertThat(empty.has("runId")).isFalse();
        assertThat(missing.get("isError").asBoolean()).isTrue();
        assertThat(missing.get("content").asString()).contains("text");
        assertThat(invented.get("errors").findValuesAsString("field")).containsExactly("arguments.as_user");
        assertThat(secret.get("errors").findValuesAsString("field")).containsExactly("arguments.text");
        assertThat(api.received).hasSize(before);
    }

    @Test
    void anAsyncCallAnswersARunIdThatFinishesAndTheChatListsItsCalls() throws Exception {
        String name = functionNames().getFirst();
        String chatId = "chat-" + UUID.randomUUID();
        HttpResponse<String> accepted = post("/api/v1/agents/chat/announcer/tool-calls?async=true", alice, """
                {"toolCallId": "call-async", "chatId": "%s", "name": "%s", "arguments": {"text": "later"}}"""
                .formatted(chatId, name));
        post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "call-sync", "chatId": "%s", "name": "%s", "arguments": {"text": "now"}}"""
                .formatted(chatId, name));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String runId = JSON.readTree(accepted.body()).get("runId").asString();
        assertThat(JSON.readTree(accepted.body()).get("status").asString()).isEqualTo("running");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/runs/" + runId);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                JSON.readTree(get("/api/v1/runs/" + runId, alice).body()).get("status").asString().equals("success"));
        assertThat(api.lastWith("later").get("channel").asString()).isEqualTo("#general");

        JsonNode chat = JSON.readTree(get("/api/v1/runs?chatId=" + chatId, alice).body());
        assertThat(chat.get("total").asInt()).isEqualTo(2);
        assertThat(chat.get("data").findValuesAsString("toolCallId")).containsExactlyInAnyOrder("call-async",
                "call-sync");
        assertThat(chat.get("data").findValuesAsString("triggerType")).containsOnly("AGENT");
        JsonNode someoneElse = JSON.readTree(get("/api/v1/runs?chatId=" + chatId, SwitchboardCommand.token(
                new TokenOptions("bob", List.of("user"), dataDir, Duration.ofMinutes(5)))).body());
        assertThat(someoneElse.get("total").asInt()).isZero();
    }

    @Test
    void aSecretTheApiEchoesBackNeverReachesTheModelNorTheRun() throws Exception {
        String name = functionNames().get(2);
        HttpResponse<String> response = post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "call-echo", "name": "%s", "arguments": {"note": "who am I"}}""".formatted(name));

        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("isError").asBoolean()).as(response.body()).isFalse();
        // the API got the real values: the connector's auth and a parameter the agent locked to the secret
        JsonNode echoed = api.lastWith("who am I", "note");
        assertThat(echoed.get("authorization").asString()).isEqualTo("Bearer " + SECRET);
        assertThat(echoed.get("signature").asString()).isEqualTo(SECRET);
        assertThat(response.body()).doesNotContain(SECRET).contains("who am I");
        String run = get("/api/v1/runs/" + result.get("runId").asString(), alice).body();
        assertThat(run).contains("call-echo").doesNotContain(SECRET);
    }

    @Test
    void aBadEnvelopeIsA400NamingTheFieldAndCallsNothing() throws Exception {
        String name = functionNames().getFirst();
        int before = api.received.size();
        HttpResponse<String> noName = post("/api/v1/agents/chat/announcer/tool-calls", alice,
                "{\"arguments\": {\"text\": \"x\"}}");
        HttpResponse<String> notAnObject = post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "c", "name": "%s", "arguments": "[\\"x\\"]"}""".formatted(name));
        HttpResponse<String> notJson = post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "c", "name": "%s", "arguments": "{text: x"}""".formatted(name));
        HttpResponse<String> unknownTool = post("/api/v1/agents/chat/announcer/tool-calls", alice, """
                {"toolCallId": "c", "name": "connector__chat__sink__delete_everything", "arguments": {}}""");
        HttpResponse<String> unknownAgent = post("/api/v1/agents/chat/nobody/tool-calls", alice, """
                {"toolCallId": "c", "name": "%s", "arguments": {"text": "x"}}""".formatted(name));
        HttpResponse<String> anonymous = HTTP.send(HttpRequest
                .newBuilder(uri("/api/v1/agents/chat/announcer/tool-calls")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"toolCallId\": \"c\", \"name\": \"" + name + "\", \"arguments\": {\"text\": \"x\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> refused : List.of(noName, notAnObject, notJson, unknownTool)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(fields(noName)).containsExactlyInAnyOrder("toolCallId", "name");
        assertThat(fields(notAnObject)).containsExactly("arguments");
        assertThat(fields(notJson)).containsExactly("arguments");
        assertThat(fields(unknownTool)).containsExactly("name");
        assertThat(unknownAgent.statusCode()).isEqualTo(404);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(api.received).hasSize(before);
    }

    @Test
    void anMcpClientListsTheAgentsToolsAndCallsOneThroughTheGateway() throws Exception {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + options.port())
                .endpoint("/api/v1/agents/chat/announcer/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + alice))
                .build();
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(40)).build()) {
            client.initialize();
            List<Tool> tools = client.listTools().tools();

            assertThat(tools).extracting(Tool::name).containsExactlyElementsOf(functionNames());
            Tool post = tools.getFirst();
            assertThat(post.inputSchema().get("properties")).isInstanceOfSatisfying(Map.class, properties ->
                    assertThat(properties).containsOnlyKeys("text"));

            String chatId = "mcp-chat-" + UUID.randomUUID();
            CallToolResult result = client.callTool(CallToolRequest.builder(post.name())
                    .arguments(Map.of("channel", "#attackers", "text", "via mcp"))
                    .meta(Map.of("chatId", chatId, "toolCallId", "mcp-call-1")).build());
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(JSON.readTree(text(result)).get("ok").asBoolean()).isTrue();
            assertThat(api.lastWith("via mcp").get("channel").asString()).isEqualTo("#general");
            JsonNode chat = JSON.readTree(get("/api/v1/runs?chatId=" + chatId, alice).body());
            assertThat(chat.get("data").findValuesAsString("toolCallId")).containsExactly("mcp-call-1");
            assertThat(chat.get("data").findValuesAsString("triggerType")).containsExactly("AGENT");
            assertThatThrownBy(() -> client.callTool(CallToolRequest.builder("connector__chat__sink__nope")
                    .arguments(Map.of()).build())).isInstanceOf(McpError.class);

            int before = api.received.size();
            CallToolResult invalid = client.callTool(CallToolRequest.builder(post.name())
                    .arguments(Map.of("text", "")).build());
            assertThat(invalid.isError()).isTrue();
            assertThat(text(invalid)).startsWith("INVALID_ARGUMENTS").contains("arguments.text");
            assertThat(api.received).hasSize(before);
        }
    }

    @Test
    void theMcpEndpointWantsATokenAndAKnownAgent() throws Exception {
        String initialize = """
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
                 "capabilities": {}, "clientInfo": {"name": "curl", "version": "1"}}}""";
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/agents/chat/announcer/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(initialize)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HTTP.send(request("/api/v1/agents/chat/nobody/mcp", alice)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(initialize)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> known = HTTP.send(request("/api/v1/agents/chat/announcer/mcp", alice)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(initialize)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
        assertThat(JSON.readTree(known.body()).get("result").get("capabilities").has("tools")).isTrue();
    }

    /** The agent's function names as GET /tools lists them: chat/sink's, the long connector's, chat/echo's. */
    private static List<String> functionNames() throws Exception {
        HttpResponse<String> response = get("/api/v1/agents/chat/announcer/tools?format=mcp", alice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("tools").findValuesAsString("name");
    }

    private static String text(CallToolResult result) {
        return result.content().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .findFirst().orElse("");
    }

    private static List<String> fields(HttpResponse<String> response) {
        return JSON.readTree(response.body()).get("errors").findValuesAsString("field");
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static HttpResponse<String> post(String path, String token, String body) {
        return new ApiClient(options.port()).post(path, token, body);
    }

    private static HttpResponse<String> get(String path, String token) {
        return new ApiClient(options.port()).get(path, token);
    }

    private static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + options.port() + path);
    }

    /**
     * A chat API on 127.0.0.1: {@code POST /messages} keeps each JSON body it receives and answers
     * {@code {ok: true}}; {@code POST /echo} keeps and answers the body plus the Authorization header.
     */
    static final class MessageApi implements AutoCloseable {

        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        MessageApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/messages", this::message);
            server.createContext("/echo", this::echo);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The last message whose text is {@code text}; fails the test if none came. */
        JsonNode lastWith(String text) {
            return lastWith(text, "text");
        }

        JsonNode lastWith(String value, String field) {
            return received.reversed().stream().filter(m -> value.equals(m.path(field).asString(null))).findFirst()
                    .orElseThrow(() -> new AssertionError("no message with " + field + " '" + value + "' in "
                            + received));
        }

        private void message(HttpExchange exchange) throws IOException {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            answer(exchange, "{\"ok\": true, \"ts\": \"1\"}");
        }

        /** Answers with what it was sent, the Authorization header included, as a careless API might. */
        private void echo(HttpExchange exchange) throws IOException {
            ObjectNode body = (ObjectNode) JSON.readTree(exchange.getRequestBody().readAllBytes());
            body.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            received.add(body);
            answer(exchange, body.toString());
        }

        private static void answer(HttpExchange exchange, String json) throws IOException {
            byte[] answer = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
