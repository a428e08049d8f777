package dev.switchboard.registry.apply;

import dev.switchboard.registry.definition.BodyReadErrors;
import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.InvalidDefinitionException;
import dev.switchboard.registry.security.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code POST /connectors/apply}: a YAML or JSON document of connectors, tools and agents. */
@RestController
class ApplyController {

    private final ApplyService apply;
    private final JsonMapper json;
    private final YAMLMapper yaml;

    ApplyController(ApplyService apply, JsonMapper json) {
        this.apply = apply;
        this.json = json;
        this.yaml = YAMLMapper.builder().build();
    }

    /** The body is sniffed rather than trusted to its Content-Type: curl sends YAML as form or plain text. */
    @PostMapping(path = "/api/v1/connectors/apply", consumes = {"application/json", "application/yaml",
            "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", "application/x-www-form-urlencoded"})
    ApplyResult apply(@RequestBody String body) {
        return apply.apply(parse(body), Caller.current());
    }

    private ApplyDocument parse(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            throw new InvalidDefinitionException(List.of(FieldError.of("body", "is empty; send a document with"
                    + " connectors:, tools: and/or agents:")));
        }
        try {
            var tree = text.startsWith("{") ? json.readTree(text) : yaml.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new InvalidDefinitionException(List.of(FieldError.of("body", "must be an object with"
                        + " connectors:, tools: and/or agents:")));
            }
            return json.treeToValue(tree, ApplyDocument.class);
        } catch (JacksonException e) {
            throw new InvalidDefinitionException(List.of(BodyReadErrors.toFieldError(e)));
        }
    }
}
