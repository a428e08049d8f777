package dev.switchboard.expressions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Walks JavaScript far enough to tell code from string, template-literal, comment and regular
 * expression text, and to know how deeply brackets nest. It is not a parser: GraalJS decides
 * whether source is valid; this finds structure the parser does not report, such as where a
 * {@code <<…>>} template ends or whether anything follows a function's body.
 *
 * <p>Whether {@code /} starts a regular expression or divides depends on the token before it;
 * like most tokenizers outside a parser we guess from that token ({@code a / b} divides,
 * {@code (/re/} and {@code return /re/} are regular expressions, and after {@code }} we assume a
 * block ended, so a regular expression may follow).
 */
final class JavaScriptScanner {

    /** Receives each character of code, with the bracket depth around it; returns false to stop. */
    @FunctionalInterface
    interface CodeVisitor {
        /**
         * {@code depth} is the nesting outside the character: an opening bracket and the bracket that
         * closes it are visited with the same depth, so top-level brackets have depth 0.
         */
        boolean visit(int index, char c, int depth);
    }

    /** Words after which {@code /} starts a regular expression rather than dividing. */
    private static final Set<String> KEYWORDS_BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in",
            "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await");

    private JavaScriptScanner() {
    }

    /**
     * Visits the code characters of {@code source} from {@code from}, skipping whitespace, comments
     * and the text of strings, template literals (but not their {@code ${…}} code) and regular
     * expressions. Returns the index where the visitor stopped, or -1 when it read to the end.
     */
    static int scan(String source, int from, CodeVisitor visitor) {
        int depth = 0;
        // The depths at which we entered the ${…} substitutions we are inside, innermost first.
        Deque<Integer> substitutions = new ArrayDeque<>();
        boolean regexAllowed = true;
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                i = endOfLine(source, i);
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (c == '/' && regexAllowed) {
                i = endOfRegularExpression(source, i + 1);
                regexAllowed = false;
            } else if (c == '\'' || c == '"') {
                i = endOfString(source, i + 1, c);
                regexAllowed = false;
            } else if (c == '`' || (c == '}' && !substitutions.isEmpty() && substitutions.peek() == depth - 1)) {
                if (c == '}') {
                    depth = substitutions.pop();
                }
                i = endOfTemplateText(source, i + 1);
                if (source.startsWith("${", i - 2)) {
                    substitutions.push(depth++);
                    regexAllowed = true;
                } else {
                    regexAllowed = false;
                }
            } else if (isWordPart(c)) {
                int end = i;
                while (end < source.length() && isWordPart(source.charAt(end))) {
                    if (!visitor.visit(end, source.charAt(end), depth)) {
                        return end;
                    }
                    end++;
                }
                regexAllowed = KEYWORDS_BEFORE_EXPRESSION.contains(source.substring(i, end));
                i = end;
            } else {
                if (c == ')' || c == ']' || c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                if (!visitor.visit(i, c, depth)) {
                    return i;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                }
                regexAllowed = c != ')' && c != ']';
                i++;
            }
        }
        return -1;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int endOfLine(String source, int from) {
        int end = source.indexOf('\n', from);
        return end < 0 ? source.length() : end;
    }

    private static int endOfString(String source, int from, char quote) {
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return source.length();
    }

    /** The index after the closing backtick, or after the {@code ${} that interrupts the text. */
    private static int endOfTemplateText(String source, int from) {
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '`') {
                return i + 1;
            } else if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                return i + 2;
            }
        }
        return source.length();
    }

    /** The index after a regular expression's closing slash; a {@code /} inside {@code [...]} does not close it. */
    private static int endOfRegularExpression(String source, int from) {
        boolean inClass = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\n') {
                return i;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                return i + 1;
            }
        }
        return source.length();
    }
}
