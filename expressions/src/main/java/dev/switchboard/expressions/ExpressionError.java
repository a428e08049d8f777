package dev.switchboard.expressions;

/**
 * An expression or template that failed at run time. {@code code} is what a step or run reports:
 * {@code EXPRESSION_ERROR} (the JavaScript threw or returned something unusable),
 * {@code EXPRESSION_TIMEOUT} (over its time or statement budget) or {@code TEMPLATE_UNRESOLVED}
 * (a {@code <<path>>} that is not in sourceData). The message names the expression and carries the
 * JavaScript message and line, never a Java stack trace.
 */
public final class ExpressionError extends RuntimeException {

    public static final String ERROR = "EXPRESSION_ERROR";
    public static final String TIMEOUT = "EXPRESSION_TIMEOUT";
    public static final String UNRESOLVED = "TEMPLATE_UNRESOLVED";

    private final String code;
    private final String expression;

    ExpressionError(String code, String expression, String message) {
        super(abbreviate(expression) + ": " + message);
        this.code = code;
        this.expression = expression;
    }

    public String code() {
        return code;
    }

    public String expression() {
        return expression;
    }

    static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
