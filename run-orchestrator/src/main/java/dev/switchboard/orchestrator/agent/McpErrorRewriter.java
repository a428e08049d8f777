package dev.switchboard.orchestrator.agent;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds what the MCP SDK's transport writes until it is done. Its error answers are the
 * {@code McpError} exception serialised whole (stack trace, class names, cause); those become the
 * plain JSON-RPC error MCP defines, {@code {jsonrpc, id: null, error: {code, message}}}. Found by
 * the bad-input sweep (standalone PublicApiFuzzIT).
 */
final class McpErrorRewriter extends HttpServletResponseWrapper {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The SDK's own wording for a missing Accept: safe to pass on, and it tells the client what to do. */
    private static final String ACCEPT_MESSAGE = "Both application/json and text/event-stream required";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private PrintWriter writer;
    private ServletOutputStream stream;

    McpErrorRewriter(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                /** Writing into the buffer never blocks, so a listener may write at once. */
                @Override
                public void setWriteListener(WriteListener listener) {
                    try {
                        listener.onWritePossible();
                    } catch (IOException | RuntimeException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
        }
        return writer;
    }

    @Override
    public void flushBuffer() {
        // nothing reaches the client before finish(): the answer may still be rewritten
        if (writer != null) {
            writer.flush();
        }
    }

    /** Writes the buffered answer, or the JSON-RPC error that replaces an SDK error body. */
    void finish() throws IOException {
        flushBuffer();
        byte[] body = buffer.toByteArray();
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (getStatus() >= 400 && body.length > 0) {
            if (getStatus() >= 500 && isUnreadableParams(body)) {
                // the SDK calls params it cannot bind (a name that is an object, arguments that are text)
                // its own failure; they are the client's: JSON-RPC's "invalid params", a 400
                response.setStatus(400);
                body = invalidParams(null);
            } else {
                body = jsonRpcError(body, getStatus());
            }
            response.setContentType("application/json");
        } else if (isUnreadableParams(body)) {
            // a JSON-RPC error answer whose message quotes the binding exception, class names and all
            body = invalidParams(JSON.readTree(body).get("id"));
        } else if (quotesJavaInternals(body)) {
            // any other error answer quoting an exception (a NullPointerException's "Cannot invoke ...")
            body = internalError(JSON.readTree(body));
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean isUnreadableParams(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains("tools.jackson.databind.exc.") || text.contains("Cannot deserialize")
                || text.contains("Cannot construct instance");
    }

    private static boolean quotesJavaInternals(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains("\"error\"") && (text.contains("io.modelcontextprotocol") || text.contains("java.")
                || text.contains("Cannot invoke") || text.contains("Exception"));
    }

    private static byte[] internalError(JsonNode written) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", written.path("id").isMissingNode() ? JSON.nullNode() : written.get("id"));
        answer.putObject("error").put("code", written.at("/error/code").asInt(-32603)).put("message", "Internal error");
        return JSON.writeValueAsBytes(answer);
    }

    private static byte[] invalidParams(JsonNode id) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id == null ? JSON.nullNode() : id);
        answer.putObject("error").put("code", -32602).put("message", "Invalid params: they do not fit the method");
        return JSON.writeValueAsBytes(answer);
    }

    private static byte[] jsonRpcError(byte[] body, int status) {
        JsonNode written;
        try {
            written = JSON.readTree(body);
        } catch (JacksonException e) {
            written = JSON.createObjectNode();
        }
        if (written.path("jsonrpc").isString() && written.path("error").isObject()) {
            return body;
        }
        JsonNode rpc = written.path("jsonRpcError");
        String message = rpc.path("message").asString("");
        if (!message.startsWith(ACCEPT_MESSAGE)) {
            // the SDK's other messages quote parser exceptions, with class names in them
            message = status >= 500 ? "Internal error" : "Invalid JSON-RPC message";
        }
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        answer.putObject("error").put("code", rpc.path("code").asInt(status >= 500 ? -32603 : -32600))
                .put("message", message);
        return JSON.writeValueAsBytes(answer);
    }
}
