package dev.switchboard.expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses strings with {@code <<…>>} templates (ARCHITECTURE §5). Inside {@code <<…>>} is either
 * a lookup path ({@code team}, {@code users.data.0.id}: letters, digits, {@code _ - $}, segments
 * separated by single dots; whitespace around it is ignored) or a JavaScript function of
 * sourceData ({@code (sourceData) => …}, {@code sourceData => …}, {@code function …}).
 *
 * <p>A template ends at the first {@code >>} that is outside brackets and outside JavaScript
 * strings, template literals, comments and regular expressions, so
 * {@code <<(s) => s.items.filter(i => i.n >> 1)>>} and {@code <<(s) => ">>" + s.x>>} work, while a
 * shift at the top level of an arrow's body, {@code <<(s) => s.n >> 1>>}, ends the template early:
 * write {@code <<(s) => (s.n >> 1)>>}. {@code =>} never closes a template.
 *
 * <p>{@code {{secret:NAME}}} is plain text here: the executor replaces it at call time.
 */
public final class Template {

    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_$-]+(?:\\.[A-Za-z0-9_$-]+)*");
    private static final String OPEN = "<<";

    private Template() {
    }

    /**
     * The parts of {@code text} in order; text without templates is one literal.
     *
     * @throws TemplateSyntaxException for an unterminated or empty template, or one that is neither
     *     a path nor a function, with the index of its {@code <<}
     */
    public static List<TemplatePart> parse(String text) {
        List<TemplatePart> parts = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int open = text.indexOf(OPEN, from);
            if (open < 0) {
                parts.add(new TemplatePart.Literal(text.substring(from)));
                break;
            }
            if (open > from) {
                parts.add(new TemplatePart.Literal(text.substring(from, open)));
            }
            int close = closing(text, open + OPEN.length());
            parts.add(part(text.substring(open + OPEN.length(), close).strip(), open));
            from = close + 2;
        }
        return parts;
    }

    /** True when the string is exactly one template, so the value keeps its JSON type when rendered. */
    public static boolean isWholeValue(String text) {
        String stripped = text.strip();
        if (!stripped.startsWith(OPEN) || !stripped.equals(text)) {
            return false;
        }
        try {
            List<TemplatePart> parts = parse(text);
            return parts.size() == 1 && !(parts.getFirst() instanceof TemplatePart.Literal);
        } catch (TemplateSyntaxException e) {
            return false;
        }
    }

    /** The problems with a string's templates, JavaScript syntax included; empty when it is fine. */
    public static List<String> problems(String text, JavaScriptSyntax javaScript) {
        List<TemplatePart> parts;
        try {
            parts = parse(text);
        } catch (TemplateSyntaxException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Script script) {
                Optional<SyntaxProblem> problem = javaScript.checkFunction(script.source());
                problem.ifPresent(p -> problems.add("template <<" + abbreviate(script.source()) + ">>: " + p));
            }
        }
        return problems;
    }

    private static TemplatePart part(String content, int at) {
        if (content.isEmpty()) {
            throw new TemplateSyntaxException("empty template <<>> at index " + at, at);
        }
        if (PATH.matcher(content).matches()) {
            return new TemplatePart.PathLookup(content, List.of(content.split("\\.")));
        }
        if (FunctionShape.startsLikeFunction(content)) {
            return new TemplatePart.Script(content);
        }
        throw new TemplateSyntaxException("template <<" + abbreviate(content) + ">> at index " + at
                + " is neither a path (a.b.0.c) nor a function ((sourceData) => …)", at);
    }

    /** The index of the {@code >>} that closes a template whose content starts at {@code from}. */
    private static int closing(String text, int from) {
        int close = JavaScriptScanner.scan(text, from,
                (index, c, depth) -> depth > 0 || c != '>' || !text.startsWith(">>", index));
        if (close < 0) {
            int open = from - OPEN.length();
            throw new TemplateSyntaxException("unterminated template: '<<' at index " + open
                    + " has no closing '>>' outside JavaScript strings and brackets", open);
        }
        return close;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
