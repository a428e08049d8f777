package dev.switchboard.orchestrator.agent;

import dev.switchboard.contracts.agent.AgentFunction;
import dev.switchboard.contracts.agent.AgentTools;
import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.RunNotFoundException;
import dev.switchboard.orchestrator.security.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One MCP server (the official SDK's, stateless streamable HTTP) per agent, at
 * {@code /api/v1/agents/{ns}/{name}/mcp}: its tools are the agent's {@link AgentTools} and each
 * call goes through {@link AgentToolCalls}, so MCP and the REST tool-calls list and run the same.
 * A server is built when an agent is first asked for and again whenever its specs change
 * (the agent or one of its connectors changed); stateless servers hold no sessions, so any
 * orchestrator instance answers any request and a rebuilt server loses nothing.
 */
@Component
class AgentMcpServers {

    static final String CALLER = "switchboard.caller";
    static final String TRACE_ID = "switchboard.traceId";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final AgentToolCalls calls;
    private final JsonMapper json;
    private final McpJsonMapper mcpJson = new JacksonMcpJsonMapper(JsonMapper.shared());
    private final JsonSchemaValidator schemaValidator = new DefaultJsonSchemaValidator();
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    AgentMcpServers(AgentToolCalls calls, JsonMapper json) {
        this.calls = calls;
        this.json = json;
    }

    /** The agent's transport as its functions are now; 404 (RunNotFoundException) when there is no such agent. */
    HttpServletStatelessServerTransport transport(String namespace, String name) throws InterruptedException {
        String ref = namespace + "/" + name;
        AgentTools tools;
        try {
            tools = calls.tools(namespace, name);
        } catch (RunNotFoundException gone) {
            served.remove(ref);
            throw gone;
        }
        String fingerprint = tools.specs(AgentTools.MCP).toString();
        // an old server still answering a request in flight is fine: it is not closed, only dropped
        return served.compute(ref, (key, current) -> current != null && current.fingerprint().equals(fingerprint)
                ? current : build(namespace, name, tools, fingerprint)).transport();
    }

    private Served build(String namespace, String name, AgentTools tools, String fingerprint) {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(mcpJson)
                .messageEndpoint("/api/v1/agents/" + namespace + "/" + name + "/mcp")
                .contextExtractor(request -> {
                    // read on the request's thread, where Spring Security put the caller
                    Map<String, Object> context = new HashMap<>();
                    context.put(CALLER, Caller.current());
                    String traceId = request.getHeader("X-Trace-Id");
                    if (traceId != null) {
                        context.put(TRACE_ID, traceId);
                    }
                    return McpTransportContext.create(context);
                })
                .build();
        List<SyncToolSpecification> specs = tools.functions().stream().map(f -> spec(namespace, name, f)).toList();
        McpServer.sync(transport)
                .serverInfo("switchboard agent " + namespace + "/" + name, "1")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mcpJson)
                .jsonSchemaValidator(schemaValidator)
                // our call path checks the arguments (locked parameters filled in first) and says which are wrong
                .validateToolInputs(false)
                .immediateExecution(true)
                .tools(specs)
                .build();
        return new Served(fingerprint, transport);
    }

    private SyncToolSpecification spec(String namespace, String name, AgentFunction function) {
        Tool tool = Tool.builder().name(function.name()).description(function.description())
                .inputSchema(json.convertValue(function.inputSchema(), MAP)).build();
        return new SyncToolSpecification(tool, (context, request) -> call(namespace, name, context, request));
    }

    private CallToolResult call(String namespace, String name, McpTransportContext context, CallToolRequest request) {
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        ObjectNode arguments = json.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
        ToolCall call = new ToolCall(id(meta.get("toolCallId"), "mcp-" + UUID.randomUUID()), id(meta.get("chatId"), null),
                request.name(), arguments);
        try {
            ToolCallResult result = calls.call(namespace, name, call, false, (Caller) context.get(CALLER),
                    (String) context.get(TRACE_ID));
            return CallToolResult.builder().addTextContent(result.content()).isError(result.isError()).build();
        } catch (InvalidRunRequestException | RunNotFoundException changed) {
            // the agent changed between tools/list and this call
            return CallToolResult.builder().addTextContent("UNKNOWN_TOOL: " + changed.getMessage()).isError(true)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallToolResult.builder().addTextContent("INTERRUPTED: the server is stopping").isError(true).build();
        }
    }

    /** {@code _meta.toolCallId} / {@code _meta.chatId} of a {@code tools/call}, when the client sends them. */
    private static String id(Object given, String otherwise) {
        return given instanceof String s && !s.isBlank() && s.length() <= ToolCall.MAX_ID ? s : otherwise;
    }

    private record Served(String fingerprint, HttpServletStatelessServerTransport transport) {
    }
}
