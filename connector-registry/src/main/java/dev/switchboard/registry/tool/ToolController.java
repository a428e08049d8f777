package dev.switchboard.registry.tool;

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
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/tools")
class ToolController {

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
    private static final String ID_MESSAGE = "must be 1-64 letters, digits, '_' or '-'";

    private final ToolService tools;

    ToolController(ToolService tools) {
        this.tools = tools;
    }

    @GetMapping
    ListPage<ObjectNode> list(
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        return tools.list(page, limit);
    }

    @PostMapping
    ResponseEntity<ObjectNode> create(@RequestBody ToolDefinition tool) {
        var stored = tools.create(tool, Caller.current());
        return ResponseEntity.created(URI.create("/api/v1/tools/" + stored.ref())).body(stored.view());
    }

    @GetMapping("/{id}")
    ObjectNode get(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
        return tools.get(id).view();
    }

    @PutMapping("/{id}")
    ObjectNode replace(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @RequestBody ToolDefinition tool) {
        return tools.replace(id, tool, Caller.current()).view();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @RequestParam(required = false) Long version) {
        tools.delete(id, version, Caller.current());
        return ResponseEntity.noContent().build();
    }
}
