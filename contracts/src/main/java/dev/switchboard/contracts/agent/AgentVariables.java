package dev.switchboard.contracts.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An agent's {@code variables} as its locked parameters use them: {@code "{{ default_channel }}"}.
 * The registry checks on save that every reference names a defined variable, and the orchestrator
 * fills them at call time, with this one pattern, so both read the same references.
 * {@code {{secret:NAME}}} is not a variable: it stays for the executor, which resolves it at call time.
 */
public final class AgentVariables {

    /** {@code {{ var }}}; group 1 is the variable's name. */
    public static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*(?!secret:)([^}\\s]+)\\s*}}");

    private AgentVariables() {
    }

    /** The variable names {@code text} refers to, in order, repeats included. */
    public static List<String> references(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * {@code value} with every reference filled, at any depth. A string that is one reference
     * alone takes the variable's value with its JSON type ({@code "{{ limit }}"} → {@code 10}); a
     * reference inside a longer string is replaced by the variable's text, as templates do.
     *
     * @throws UndefinedVariableException naming the first reference {@code variables} lacks
     */
    public static JsonNode fill(JsonNode value, Map<String, JsonNode> variables) {
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return fillText(value.asString(), variables, value);
        }
        if (value instanceof ObjectNode object) {
            ObjectNode filled = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(e -> filled.set(e.getKey(), fill(e.getValue(), variables)));
            return filled;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode filled = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> filled.add(fill(element, variables)));
            return filled;
        }
        return value;
    }

    private static JsonNode fillText(String text, Map<String, JsonNode> variables, JsonNode original) {
        Matcher m = REFERENCE.matcher(text);
        if (!m.find()) {
            return original;
        }
        if (m.start() == 0 && m.end() == text.length()) {
            return variable(m.group(1), variables);
        }
        StringBuilder filled = new StringBuilder();
        m.reset();
        while (m.find()) {
            JsonNode v = variable(m.group(1), variables);
            m.appendReplacement(filled, Matcher.quoteReplacement(v.isString() ? v.asString() : v.toString()));
        }
        m.appendTail(filled);
        return JsonNodeFactory.instance.stringNode(filled.toString());
    }

    private static JsonNode variable(String name, Map<String, JsonNode> variables) {
        JsonNode v = variables.get(name);
        if (v == null) {
            throw new UndefinedVariableException(name);
        }
        return v;
    }

    /** A locked parameter refers to a variable the agent does not define (the registry refuses that on save). */
    public static final class UndefinedVariableException extends RuntimeException {

        private final String variable;

        public UndefinedVariableException(String variable) {
            super("the agent's locked parameters refer to the variable '" + variable + "', which it does not define");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }
}
