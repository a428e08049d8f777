package dev.switchboard.expressions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether JavaScript source is exactly one function expression, judged from its tokens so that
 * nothing runs. Expects source that already parses as one expression; then a function is
 * {@code function …}, {@code (…) =>} or {@code name =>} (optionally {@code async}) with nothing
 * after it: not {@code (s) => s, doEvil()} (a comma expression) nor {@code function () {…}()}
 * (a call of the function).
 */
final class FunctionShape {

    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s+|//[^\\n]*|/\\*.*?\\*/)*",
            Pattern.DOTALL);
    private static final Pattern NAME_ARROW = Pattern.compile("^[A-Za-z_$][\\w$]*\\s*=>");
    private static final Pattern ASYNC = Pattern.compile("^async\\s+");
    private static final Pattern FUNCTION_KEYWORD = Pattern.compile("^function\\b");

    private FunctionShape() {
    }

    static boolean isFunction(String source) {
        String code = LEADING_COMMENTS.matcher(source).replaceFirst("");
        if (NAME_ARROW.matcher(code).find()) {
            // Also `async => …`: an arrow whose parameter is called async.
            return !hasTopLevelComma(code);
        }
        Matcher async = ASYNC.matcher(code);
        if (async.find()) {
            code = code.substring(async.end());
        }
        if (FUNCTION_KEYWORD.matcher(code).find()) {
            return endsWithItsBody(code);
        }
        if (NAME_ARROW.matcher(code).find()) {
            return !hasTopLevelComma(code);
        }
        return code.startsWith("(") && parametersThenArrow(code) && !hasTopLevelComma(code);
    }

    /**
     * Whether the source may be a function at all, for telling scripts from paths in templates
     * before the parser sees them.
     */
    static boolean startsLikeFunction(String source) {
        String code = LEADING_COMMENTS.matcher(source).replaceFirst("");
        return code.startsWith("(") || NAME_ARROW.matcher(code).find() || ASYNC.matcher(code).find()
                || FUNCTION_KEYWORD.matcher(code).find();
    }

    /** An arrow function's body ends at a top-level comma, which makes the whole a comma expression. */
    private static boolean hasTopLevelComma(String code) {
        return JavaScriptScanner.scan(code, 0, (index, c, depth) -> depth > 0 || c != ',') >= 0;
    }

    /** Whether the parenthesis the code opens with closes just before {@code =>}. */
    private static boolean parametersThenArrow(String code) {
        int[] closing = {-1};
        int next = JavaScriptScanner.scan(code, 0, (index, c, depth) -> {
            if (closing[0] >= 0) {
                return false;
            }
            if (index > 0 && depth == 0 && c == ')') {
                closing[0] = index;
            }
            return true;
        });
        return next > 0 && code.startsWith("=>", next);
    }

    /** Whether the first top-level block (the body; parameters are inside parentheses) ends the code. */
    private static boolean endsWithItsBody(String code) {
        boolean[] bodyClosed = {false};
        int after = JavaScriptScanner.scan(code, 0, (index, c, depth) -> {
            if (bodyClosed[0]) {
                return false;
            }
            bodyClosed[0] = depth == 0 && c == '}';
            return true;
        });
        return bodyClosed[0] && after < 0;
    }
}
