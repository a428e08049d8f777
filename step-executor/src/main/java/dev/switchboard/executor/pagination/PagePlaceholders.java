package dev.switchboard.executor.pagination;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills {@code <<offset>>}, {@code <<page>>}, {@code <<limit>>} and {@code <<cursor>>} in a page's
 * request. The orchestrator left them there as literal text (ARCHITECTURE §5), so they follow the
 * template rules: a JSON body value that is one placeholder alone takes the value's JSON type
 * (numbers, the cursor as the response gave it); inside a longer string the value is text. Before
 * the first cursor is known, a query parameter, header or body field that is only
 * {@code <<cursor>>} is left out, because most APIs refuse an empty cursor.
 */
final class PagePlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("<<(offset|page|limit|cursor)>>");
    private static final String CURSOR = "<<cursor>>";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PagePlaceholders() {
    }

    static PageRequest render(PageTemplate template, PagePosition position) {
        return new PageRequest(text(template.url(), position), text(template.path(), position),
                map(template.query(), position), map(template.headers(), position), body(template.body(), position),
                position.link());
    }

    private static String text(String template, PagePosition position) {
        if (template == null || !template.contains("<<")) {
            return template;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(asText(value(match.group(1), position))));
    }

    private static Map<String, String> map(Map<String, String> templates, PagePosition position) {
        Map<String, String> rendered = new LinkedHashMap<>();
        templates.forEach((name, value) -> {
            if (!isUnsetCursor(value, position)) {
                rendered.put(name, text(value, position));
            }
        });
        return rendered;
    }

    /** A copy of the body with the placeholders filled; {@code null} when the body is only an unset cursor. */
    private static JsonNode body(JsonNode template, PagePosition position) {
        if (template == null) {
            return null;
        }
        if (template.isString()) {
            String value = template.asString();
            Matcher whole = PLACEHOLDER.matcher(value);
            if (whole.matches()) {
                JsonNode typed = value(whole.group(1), position);
                return typed.isNull() ? null : typed;
            }
            return NODES.stringNode(text(value, position));
        }
        if (template.isObject()) {
            ObjectNode rendered = NODES.objectNode();
            template.properties().forEach(field -> {
                if (!isUnsetCursor(field.getValue(), position)) {
                    rendered.set(field.getKey(), body(field.getValue(), position));
                }
            });
            return rendered;
        }
        if (template.isArray()) {
            ArrayNode rendered = NODES.arrayNode();
            template.forEach(item -> {
                if (!isUnsetCursor(item, position)) {
                    rendered.add(body(item, position));
                }
            });
            return rendered;
        }
        return template;
    }

    private static boolean isUnsetCursor(String value, PagePosition position) {
        return !position.hasCursor() && CURSOR.equals(value);
    }

    private static boolean isUnsetCursor(JsonNode value, PagePosition position) {
        return !position.hasCursor() && value.isString() && CURSOR.equals(value.asString());
    }

    private static JsonNode value(String name, PagePosition position) {
        return switch (name) {
            case "offset" -> NODES.numberNode(position.offset());
            case "page" -> NODES.numberNode(position.page());
            case "limit" -> NODES.numberNode(position.limit());
            default -> position.hasCursor() ? position.cursor() : NODES.nullNode();
        };
    }

    /** An unset cursor inside a longer string is nothing rather than "null". */
    private static String asText(JsonNode value) {
        return value.isNull() ? "" : value.isString() ? value.asString() : value.toString();
    }
}
