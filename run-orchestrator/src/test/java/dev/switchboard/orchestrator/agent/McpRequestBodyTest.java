package dev.switchboard.orchestrator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SDK answered a JSON {@code null} body with a 500; every body that is not one message object is the client's error. */
class McpRequestBodyTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"null", "1", "\"text\"", "true", "[]", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"})
    void jsonThatIsNotOneMessageObjectIsAnInvalidRequest(String body) throws Exception {
        McpRequestBody read = McpRequestBody.read(post(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(read.acceptable()).isFalse();
        assertThat(read.status()).isEqualTo(400);
        JsonNode error = json.readTree(read.error());
        assertThat(error.get("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(error.at("/error/code").asInt()).isEqualTo(-32600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "nul", "{\"a\":}"})
    void aBodyThatIsNotJsonIsAParseError(String body) throws Exception {
        McpRequestBody read = McpRequestBody.read(post(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(read.acceptable()).isFalse();
        assertThat(read.status()).isEqualTo(400);
        assertThat(json.readTree(read.error()).at("/error/code").asInt()).isEqualTo(-32700);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"b\",\"id\":0,\"method\":\"initialize\"}",
            "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}"})
    void aBrokenEnvelopeIsAnInvalidRequest(String body) throws Exception {
        McpRequestBody read = McpRequestBody.read(post(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(read.acceptable()).isFalse();
        assertThat(read.status()).isEqualTo(400);
        assertThat(json.readTree(read.error()).at("/error/code").asInt()).isEqualTo(-32600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":[1]}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":null}"})
    void missingOrMisshapenParamsAreInvalidParamsAnsweredWithTheRequestsId(String body) throws Exception {
        McpRequestBody read = McpRequestBody.read(post(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(read.acceptable()).isFalse();
        JsonNode error = json.readTree(read.error());
        assertThat(error.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(error.get("id").asInt()).isEqualTo(3);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutReadingAllOfIt() throws Exception {
        byte[] big = new byte[McpRequestBody.MAX_BYTES + 10];
        McpRequestBody read = McpRequestBody.read(post(big));

        assertThat(read.acceptable()).isFalse();
        assertThat(read.status()).isEqualTo(413);
    }

    @Test
    void aMessageObjectReachesTheSdkUnchangedByStreamAndByReader() throws Exception {
        String message = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"é\":1}}";
        MockHttpServletRequest request = post(message.getBytes(StandardCharsets.UTF_8));
        McpRequestBody read = McpRequestBody.read(request);

        assertThat(read.acceptable()).isTrue();
        var replayed = read.replay(request);
        assertThat(new String(replayed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(message);
        assertThat(replayed.getReader().readLine()).isEqualTo(message);
        assertThat(replayed.getContentLengthLong()).isEqualTo(message.getBytes(StandardCharsets.UTF_8).length);
    }

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/agents/a/b/mcp");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }
}
