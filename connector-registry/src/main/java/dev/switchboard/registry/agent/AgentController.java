package dev.switchboard.registry.agent;

import dev.switchboard.contracts.api.ListPage;
import dev.switchboard.registry.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/agents")
class AgentController {

    private static final String NAME = "[a-z0-9_-]{1,64}";
    private static final String NAME_MESSAGE = "must be 1-64 lowercase letters, digits, '-' or '_'";

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    @GetMapping
    ListPage<ObjectNode> list(
            @RequestParam(required = false) @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        return agents.list(namespace, page, limit);
    }

    @PostMapping
    ResponseEntity<ObjectNode> create(@RequestBody AgentDefinition agent) {
        var stored = agents.create(agent, Caller.current());
        return ResponseEntity.created(URI.create("/api/v1/agents/" + stored.ref())).body(stored.view());
    }

    @GetMapping("/{namespace}/{name}")
    ObjectNode get(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name) {
        return agents.get(namespace, name).view();
    }

    /** The agent's operations as function-calling specs: OpenAI's {@code tools} or MCP's {@code tools/list}. */
    @GetMapping("/{namespace}/{name}/tools")
    ObjectNode tools(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestParam(defaultValue = "openai") @Pattern(regexp = "openai|mcp", message = "must be openai or mcp")
                    String format) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("agent", namespace + "/" + name).put("format", format);
        answer.set("tools", agents.tools(namespace, name, format));
        return answer;
    }

    @PutMapping("/{namespace}/{name}")
    ObjectNode replace(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestBody AgentDefinition agent) {
        return agents.replace(namespace, name, agent, Caller.current()).view();
    }

    @DeleteMapping("/{namespace}/{name}")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestParam(required = false) Long version) {
        agents.delete(namespace, name, version, Caller.current());
        return ResponseEntity.noContent().build();
    }
}
