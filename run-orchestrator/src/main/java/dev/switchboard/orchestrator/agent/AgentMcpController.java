package dev.switchboard.orchestrator.agent;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/agents/{ns}/{name}/mcp}: the agent's MCP endpoint (streamable HTTP, stateless:
 * JSON answers, no sessions). Spring Security has authenticated the caller by then; an unknown
 * agent is a 404 problem before MCP is spoken. GET (a server-sent event stream) and DELETE (ending
 * a session) are 405, as the transport allows for a server without sessions.
 */
@RestController
class AgentMcpController {

    private static final String PATH = "/api/v1/agents/{namespace}/{name}/mcp";

    private final AgentMcpServers servers;

    AgentMcpController(AgentMcpServers servers) {
        this.servers = servers;
    }

    @PostMapping(PATH)
    void message(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
            HttpServletResponse response) throws InterruptedException, ServletException, IOException {
        var transport = servers.transport(namespace, name);
        McpRequestBody body = McpRequestBody.read(request);
        if (!body.acceptable()) {
            byte[] error = body.error();
            response.setStatus(body.status());
            response.setContentType("application/json");
            response.setContentLength(error.length);
            response.getOutputStream().write(error);
            return;
        }
        McpErrorRewriter answer = new McpErrorRewriter(response);
        transport.service(body.replay(request), answer);
        answer.finish();
    }

    @GetMapping(PATH)
    ResponseEntity<Void> stream() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST").build();
    }

    @DeleteMapping(PATH)
    ResponseEntity<Void> endSession() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST").build();
    }
}
