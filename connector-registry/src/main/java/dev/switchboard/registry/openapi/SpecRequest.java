package dev.switchboard.registry.openapi;

import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.InvalidDefinitionException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a parse or import request carries, read from the raw body as §5a allows: the spec itself
 * (JSON or YAML, any content type), or JSON {@code {spec: text|object}} or {@code {url}}, plus for
 * imports {@code operations} and {@code replace}.
 */
record SpecRequest(String spec, String url, List<String> operations, boolean replace) {

    static SpecRequest read(String body, JsonMapper json) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new InvalidDefinitionException(List.of(FieldError.of("body", "is empty: send the spec, or"
                    + " {\"spec\": …} or {\"url\": …}")));
        }
        if (!text.startsWith("{")) {
            return new SpecRequest(text, null, null, false);
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            return new SpecRequest(text, null, null, false); // let the spec parser say what is wrong
        }
        if (root.has("openapi") || root.has("swagger") || (!root.has("spec") && !root.has("url"))) {
            return new SpecRequest(text, null, null, false);
        }
        for (String field : root.propertyNames()) {
            if (!List.of("spec", "url", "operations", "replace").contains(field)) {
                throw new InvalidDefinitionException(List.of(FieldError.of(field, "unknown field; expected spec, url,"
                        + " operations or replace")));
            }
        }
        JsonNode spec = root.get("spec");
        JsonNode url = root.get("url");
        if (spec != null && url != null) {
            throw new InvalidDefinitionException(List.of(FieldError.of("url", "give either spec or url, not both")));
        }
        if (url != null && !url.isString()) {
            throw new InvalidDefinitionException(List.of(FieldError.of("url", "must be a string")));
        }
        List<String> operations = null;
        if (root.has("operations")) {
            // an element that is not a string (a number, an array) used to fail as a 500 in asString()
            if (!root.get("operations").isArray()
                    || !root.get("operations").valueStream().allMatch(JsonNode::isString)) {
                throw new InvalidDefinitionException(List.of(FieldError.of("operations", "must be an array of"
                        + " operation names")));
            }
            operations = root.get("operations").valueStream().map(JsonNode::asString).toList();
        }
        if (root.has("replace") && !root.get("replace").isBoolean()) {
            throw new InvalidDefinitionException(List.of(FieldError.of("replace", "must be true or false")));
        }
        String specText = spec == null ? null : spec.isString() ? spec.asString() : json.writeValueAsString(spec);
        return new SpecRequest(specText, url == null ? null : url.asString(), operations,
                root.path("replace").asBoolean(false));
    }
}
