package dev.switchboard.expressions;

/**
 * What is wrong with a piece of JavaScript or a template, and where (1-based; 0 when unknown).
 * The message is the parser's own, never a Java stack trace.
 */
public record SyntaxProblem(String message, int line, int column) {

    @Override
    public String toString() {
        return line > 0 ? message + " (line " + line + ", column " + column + ")" : message;
    }
}
