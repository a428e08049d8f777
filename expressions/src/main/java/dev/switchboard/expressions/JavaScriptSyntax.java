package dev.switchboard.expressions;

import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * Checks JavaScript with GraalJS's parser without running it: {@link Context#parse} compiles a
 * source and returns something that could be executed, which we never do. The contexts are
 * sandboxed all the same, run on the process's {@link SharedEngine} and are pooled. Instances
 * are cheap and safe to share between threads; they all use the same pool.
 */
public final class JavaScriptSyntax {

    private static final ContextPool PARSERS = new ContextPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), SharedEngine::sandboxedContext);

    /**
     * Problems with a function such as {@code (sourceData) => sourceData.users.data}, as used by
     * {@code dataSelector}, {@code outputTransform} and pagination {@code stopCondition}.
     */
    public Optional<SyntaxProblem> checkFunction(String source) {
        Optional<SyntaxProblem> problem = checkExpression(source);
        if (problem.isEmpty() && !FunctionShape.isFunction(source)) {
            return Optional.of(new SyntaxProblem("must be a function such as (sourceData) => sourceData.items",
                    0, 0));
        }
        return problem;
    }

    /** Problems with a single JavaScript expression; statements after it are a syntax error. */
    public Optional<SyntaxProblem> checkExpression(String source) {
        if (source == null || source.isBlank()) {
            return Optional.of(new SyntaxProblem("is empty", 0, 0));
        }
        return PARSERS.withContext(context -> firstProblem(context, source));
    }

    private static Optional<SyntaxProblem> firstProblem(Context context, String source) {
        // Parenthesised so that only one expression parses; the newline keeps a trailing //
        // comment from swallowing the closing parenthesis.
        Optional<PolyglotException> inParentheses = parseError(context, "(" + source + "\n)");
        if (inParentheses.isPresent() && !isPastEnd(source, inParentheses.get())) {
            return Optional.of(problem(source, inParentheses.get(), null));
        }
        if (inParentheses.isPresent()) {
            // The parser stumbled on the parenthesis we appended, so the source ended too early;
            // without it, the parser says what it expected at the end of the source instead.
            Optional<PolyglotException> atEnd = parseError(context, "(" + source);
            if (atEnd.isPresent()) {
                return Optional.of(problem(source, atEnd.get(), null));
            }
        }
        // `a); doEvil(); (b` closes our parenthesis itself and parses as three statements, and
        // `a)` leaves ours unmatched; in brackets their `)` has nothing to close.
        return parseError(context, "[" + source + "\n]")
                .map(e -> problem(source, e, "must be one expression: a closing bracket has no opening one"))
                .or(() -> inParentheses.map(e -> problem(source, e, null)));
    }

    private static boolean isPastEnd(String source, PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        return at != null && at.isAvailable() && at.getStartLine() > lines(source).length;
    }

    private static Optional<PolyglotException> parseError(Context context, String code) {
        // Not cached: these sources are never run, so the engine need not keep their code.
        Source source = Source.newBuilder("js", code, "expression.js").cached(false).buildLiteral();
        try {
            context.parse(source);
            return Optional.empty();
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            return Optional.of(e);
        }
    }

    /** The parser's message without its "SyntaxError: expression.js:1:7" prefix, at the place in the caller's source. */
    private static SyntaxProblem problem(String source, PolyglotException e, String message) {
        String text = message != null ? message : parserMessage(e);
        SourceSection at = e.getSourceLocation();
        if (at == null || !at.isAvailable()) {
            return new SyntaxProblem(text, 0, 0);
        }
        String[] lines = lines(source);
        int line = Math.min(at.getStartLine(), lines.length);
        // Our one-character prefix shifts the first line; the end of input is just past the last line.
        int column = at.getStartLine() > lines.length ? lines[line - 1].length() + 1
                : line == 1 ? Math.max(1, at.getStartColumn() - 1) : at.getStartColumn();
        return new SyntaxProblem(text, line, column);
    }

    private static String[] lines(String source) {
        return source.split("\n", -1);
    }

    private static String parserMessage(PolyglotException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("");
        // Later lines repeat the source with a caret under the error.
        return message.replaceFirst("^(?:SyntaxError: )?expression\\.js:\\d+:\\d+\\s*", "");
    }

}
