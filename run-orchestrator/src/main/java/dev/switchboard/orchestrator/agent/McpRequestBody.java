package dev.switchboard.orchestrator.agent;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An MCP request body read once and checked before the SDK sees it. The SDK treats a body that is
 * JSON but not a message ({@code null}, a number, a string) as its own failure, a 500 "Internal
 * error"; JSON-RPC calls those the client's: a parse error (-32700) or an invalid request
 * (-32600), both 400. Found by the bad-input sweep (standalone PublicApiFuzzIT).
 */
final class McpRequestBody {

    /** Tool-call arguments, not files: a body over this is refused before it is held in memory. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Methods the SDK reads params of without checking that there are any. */
    private static final java.util.Set<String> METHODS_WITH_PARAMS = java.util.Set.of("initialize", "tools/call");

    private final byte[] bytes;
    private final int status;
    private final String rejection;
    private final int code;
    private final JsonNode id;

    private McpRequestBody(byte[] bytes, int status, int code, String rejection) {
        this(bytes, status, code, rejection, null);
    }

    private McpRequestBody(byte[] bytes, int status, int code, String rejection, JsonNode id) {
        this.bytes = bytes;
        this.status = status;
        this.code = code;
        this.rejection = rejection;
        this.id = id;
    }

    static McpRequestBody read(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            return new McpRequestBody(bytes, 413, -32600, "Request body is over " + MAX_BYTES + " bytes");
        }
        JsonNode message;
        try {
            message = JSON.readTree(bytes);
        } catch (JacksonException e) {
            message = null;
        }
        if (message == null || message.isMissingNode()) {
            return new McpRequestBody(bytes, 400, -32700, "Parse error: the body is not JSON");
        }
        if (!message.isObject()) {
            return new McpRequestBody(bytes, 400, -32600, "Invalid Request: the body must be one JSON-RPC message object");
        }
        return checkEnvelope(bytes, message);
    }

    /**
     * The JSON-RPC 2.0 envelope of a request or notification. The SDK dereferences what it
     * assumes is there: an {@code initialize} without params came back as a NullPointerException's
     * message, class names and all.
     */
    private static McpRequestBody checkEnvelope(byte[] bytes, JsonNode message) {
        JsonNode id = message.path("id");
        JsonNode answerId = id.isString() || id.isIntegralNumber() ? id : null;
        JsonNode version = message.path("jsonrpc");
        if (!version.isString() || !"2.0".equals(version.asString())) {
            return new McpRequestBody(bytes, 400, -32600, "Invalid Request: jsonrpc must be \"2.0\"", answerId);
        }
        if (!id.isMissingNode() && !id.isNull() && answerId == null) {
            return new McpRequestBody(bytes, 400, -32600, "Invalid Request: id must be a string or an integer");
        }
        JsonNode method = message.path("method");
        if (method.isMissingNode()) {
            return new McpRequestBody(bytes, 0, 0, null); // a response, which the SDK answers itself
        }
        if (!method.isString()) {
            return new McpRequestBody(bytes, 400, -32600, "Invalid Request: method must be a string", answerId);
        }
        JsonNode params = message.path("params");
        if (!params.isMissingNode() && !params.isObject()) {
            return new McpRequestBody(bytes, 400, -32602, "Invalid params: params must be an object", answerId);
        }
        if (params.isMissingNode() && METHODS_WITH_PARAMS.contains(method.asString())) {
            return new McpRequestBody(bytes, 400, -32602, "Invalid params: " + method.asString() + " needs params",
                    answerId);
        }
        return new McpRequestBody(bytes, 0, 0, null);
    }

    boolean acceptable() {
        return rejection == null;
    }

    int status() {
        return status;
    }

    /** The JSON-RPC error answer for a body that is not acceptable. */
    byte[] error() {
        var answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id == null ? JSON.nullNode() : id);
        answer.putObject("error").put("code", code).put("message", rejection);
        return JSON.writeValueAsBytes(answer);
    }

    /** The request again, its body readable once more, by stream or by reader. */
    HttpServletRequest replay(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                ByteArrayInputStream in = new ByteArrayInputStream(bytes);
                return new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] into, int offset, int length) throws IOException {
                        return in.read(into, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new IllegalStateException("the body is already read: no asynchronous reading");
                    }
                };
            }

            @Override
            public BufferedReader getReader() {
                return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            }

            @Override
            public int getContentLength() {
                return bytes.length;
            }

            @Override
            public long getContentLengthLong() {
                return bytes.length;
            }
        };
    }
}
