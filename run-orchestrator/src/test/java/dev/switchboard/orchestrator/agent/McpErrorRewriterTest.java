package dev.switchboard.orchestrator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpError;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP SDK answers a request it refuses with its {@code McpError} exception serialised whole:
 * the bad-input sweep found stack traces and class names in those bodies.
 */
class McpErrorRewriterTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anSdkErrorBecomesAPlainJsonRpcErrorWithoutItsStackTrace() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        McpErrorRewriter rewriter = new McpErrorRewriter(response);
        McpError error = McpError.builder(-32601)
                .message("Both application/json and text/event-stream required in Accept header").build();
        assertThat(json.writeValueAsString(error)).as("what the SDK writes").contains("stackTrace");

        rewriter.setStatus(400);
        rewriter.getWriter().write(json.writeValueAsString(error));
        rewriter.finish();

        JsonNode answer = json.readTree(response.getContentAsString());
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(answer.get("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(answer.at("/error/message").asString()).startsWith("Both application/json and text/event-stream");
        assertThat(response.getContentAsString()).doesNotContain("stackTrace", "io.modelcontextprotocol");
    }

    @Test
    void aNonBlockingWriterIsToldItMayWriteAndItsAnswerPassesUnchanged() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        McpErrorRewriter rewriter = new McpErrorRewriter(response);
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}";
        var stream = rewriter.getOutputStream();

        stream.setWriteListener(new jakarta.servlet.WriteListener() {
            @Override
            public void onWritePossible() throws java.io.IOException {
                stream.write(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void onError(Throwable failure) {
                throw new AssertionError(failure);
            }
        });
        rewriter.finish();

        assertThat(response.getContentAsString()).isEqualTo(answer);
    }

    @Test
    void aParserMessageWithClassNamesIsNotPassedOn() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        McpErrorRewriter rewriter = new McpErrorRewriter(response);
        McpError error = McpError.builder(-32700).message("Invalid message format: Cannot deserialize value of"
                + " type `io.modelcontextprotocol.spec.McpSchema$JSONRPCRequest`").build();

        rewriter.setStatus(400);
        rewriter.getOutputStream().write(json.writeValueAsBytes(error));
        rewriter.finish();

        JsonNode answer = json.readTree(response.getContentAsString());
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(answer.at("/error/message").asString()).isEqualTo("Invalid JSON-RPC message");
        assertThat(response.getContentAsString()).doesNotContain("McpSchema", "stackTrace");
    }

    @Test
    void paramsTheSdkCannotBindAreInvalidParamsNotAServerError() throws Exception {
        MockHttpServletResponse failed = new MockHttpServletResponse();
        McpErrorRewriter rewriter = new McpErrorRewriter(failed);
        rewriter.setStatus(500);
        rewriter.getWriter().write(json.writeValueAsString(McpError.builder(-32603).message("Failed to handle"
                + " request: tools.jackson.databind.exc.MismatchedInputException: Cannot deserialize value").build()));
        rewriter.finish();
        MockHttpServletResponse answered = new MockHttpServletResponse();
        McpErrorRewriter inAnswer = new McpErrorRewriter(answered);
        inAnswer.setStatus(200);
        inAnswer.getWriter().write("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32603,\"message\":"
                + "\"tools.jackson.databind.exc.MismatchedInputException: Cannot deserialize value\"}}");
        inAnswer.finish();

        assertThat(failed.getStatus()).isEqualTo(400);
        assertThat(json.readTree(failed.getContentAsString()).at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(answered.getStatus()).isEqualTo(200);
        JsonNode answer = json.readTree(answered.getContentAsString());
        assertThat(answer.get("id").asInt()).isZero();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(answered.getContentAsString()).doesNotContain("tools.jackson");
    }

    @Test
    void aSuccessfulAnswerPassesUnchanged() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        McpErrorRewriter rewriter = new McpErrorRewriter(response);
        String result = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}";

        rewriter.setStatus(200);
        rewriter.getWriter().write(result);
        rewriter.finish();

        assertThat(response.getContentAsString()).isEqualTo(result);
        assertThat(response.getContentLength()).isEqualTo(result.length());
    }

    @Test
    void anErrorAnswerQuotingAnExceptionKeepsItsIdAndCodeAndLosesItsMessage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        McpErrorRewriter rewriter = new McpErrorRewriter(response);
        rewriter.setStatus(200);
        rewriter.getWriter().write("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32603,\"message\":"
                + "\"Cannot invoke \\\"io.modelcontextprotocol.spec.McpSchema$InitializeRequest.protocolVersion()\\\"\"}}");
        rewriter.finish();

        JsonNode answer = json.readTree(response.getContentAsString());
        assertThat(answer.get("id").asInt()).isEqualTo(4);
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32603);
        assertThat(answer.at("/error/message").asString()).isEqualTo("Internal error");
        assertThat(response.getContentAsString()).doesNotContain("modelcontextprotocol", "Cannot invoke");
    }
}
