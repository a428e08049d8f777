package dev.switchboard.expressions;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills the {@code <<…>>} templates of a step's request from sourceData (ARCHITECTURE §5). A
 * string that is one template alone takes the value's JSON type ({@code "<<limit>>"} → 50); inside
 * a longer string the value is stringified (strings as they are, anything else as JSON text). A
 * path that is not in sourceData fails with {@code TEMPLATE_UNRESOLVED} naming the path, instead
 * of sending "undefined". {@code {{secret:NAME}}} is left for the executor.
 */
public final class TemplateRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JavaScriptSandbox javaScript;

    public TemplateRenderer(JavaScriptSandbox javaScript) {
        this.javaScript = javaScript;
    }

    /** A copy of {@code template} with every string rendered; object keys are not templates. */
    public JsonNode render(JsonNode template, JsonNode sourceData) {
        if (template == null) {
            return null;
        }
        if (template.isString()) {
            return renderString(template.asString(), sourceData);
        }
        if (template.isObject()) {
            ObjectNode rendered = NODES.objectNode();
            template.properties().forEach(e -> rendered.set(e.getKey(), render(e.getValue(), sourceData)));
            return rendered;
        }
        if (template.isArray()) {
            ArrayNode rendered = NODES.arrayNode();
            template.forEach(item -> rendered.add(render(item, sourceData)));
            return rendered;
        }
        return template;
    }

    public JsonNode renderString(String text, JsonNode sourceData) {
        List<TemplatePart> parts;
        try {
            parts = Template.parse(text);
        } catch (TemplateSyntaxException e) {
            throw new ExpressionError(ExpressionError.ERROR, text, e.getMessage());
        }
        if (parts.size() == 1 && !(parts.getFirst() instanceof TemplatePart.Literal) && Template.isWholeValue(text)) {
            return value(parts.getFirst(), sourceData);
        }
        StringBuilder rendered = new StringBuilder();
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Literal literal) {
                rendered.append(literal.text());
            } else {
                JsonNode value = value(part, sourceData);
                rendered.append(value.isString() ? value.asString() : value.toString());
            }
        }
        return NODES.stringNode(rendered.toString());
    }

    private JsonNode value(TemplatePart part, JsonNode sourceData) {
        return switch (part) {
            case TemplatePart.PathLookup path -> lookup(path, sourceData);
            case TemplatePart.Script script -> javaScript.call(script.source(), sourceData);
            case TemplatePart.Literal literal -> NODES.stringNode(literal.text());
        };
    }

    /** Follows object keys and array indexes; {@code sourceData.} in front is allowed and skipped. */
    static JsonNode lookup(TemplatePart.PathLookup path, JsonNode sourceData) {
        List<String> segments = path.segments();
        if (segments.size() > 1 && segments.getFirst().equals("sourceData") && !sourceData.has("sourceData")) {
            segments = segments.subList(1, segments.size());
        }
        JsonNode current = sourceData;
        for (String segment : segments) {
            JsonNode next = null;
            if (current.isObject()) {
                next = current.get(segment);
            } else if (current.isArray() && segment.chars().allMatch(Character::isDigit) && segment.length() < 10) {
                next = current.get(Integer.parseInt(segment));
            }
            if (next == null) {
                throw new ExpressionError(ExpressionError.UNRESOLVED, "<<" + path.path() + ">>",
                        "'" + path.path() + "' is not in sourceData (no '" + segment + "')");
            }
            current = next;
        }
        return current;
    }
}
