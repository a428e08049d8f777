package dev.switchboard.expressions;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Checks JavaScript with GraalJS's parser without running it: {@link Context#parse} compiles a
 * source and returns something that could be executed, which we never do. The contexts are
 * sandboxed all the same, come from one shared {@link SharedEngine}, and are pooled, because a
 * context costs about half a millisecond to create and may be used by one thread at a time.
 */
public final class JavaScriptSyntax {

    /**
     * A function expression: {@code function …}, {@code (a, {b}) => …}, {@code x => …}, optionally
     * {@code async}. Checked on the source without leading comments.
     */
    private static final Pattern FUNCTION = Pattern.compile(
            "^(?:async\\s+)?(?:function\\b|\\((?:[^()]|\\([^()]*\\))*\\)\\s*=>|[A-Za-z_$][\\w$]*\\s*=>)");
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s+|//[^\\n]*\\n?|/\\*.*?\\*/)*",
            Pattern.DOTALL);
    private static final int POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final BlockingQueue<Context> pool = new ArrayBlockingQueue<>(POOL_SIZE);

    /**
     * Problems with a function such as {@code (sourceData) => sourceData.users.data}, as used by
     * {@code dataSelector}, {@code outputTransform} and pagination {@code stopCondition}.
     */
    public Optional<SyntaxProblem> checkFunction(String source) {
        Optional<SyntaxProblem> problem = checkExpression(source);
        if (problem.isPresent()) {
            return problem;
        }
        String code = LEADING_COMMENTS.matcher(source).replaceFirst("");
        if (!FUNCTION.matcher(code).find()) {
            return Optional.of(new SyntaxProblem("must be a function such as (sourceData) => sourceData.items",
                    0, 0));
        }
        return Optional.empty();
    }

    /** Problems with a single JavaScript expression; statements after it are a syntax error. */
    public Optional<SyntaxProblem> checkExpression(String source) {
        if (source == null || source.isBlank()) {
            return Optional.of(new SyntaxProblem("is empty", 0, 0));
        }
        // Parenthesised so that only one expression parses; the newline keeps a trailing // comment
        // from swallowing the closing parenthesis.
        Source wrapped = Source.newBuilder("js", "(" + source + "\n)", "expression.js").buildLiteral();
        Context context = borrow();
        try {
            context.parse(wrapped);
            return Optional.empty();
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            return Optional.of(problem(e));
        } finally {
            release(context);
        }
    }

    private static SyntaxProblem problem(PolyglotException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage();
        // GraalJS prefixes "expression.js:1:7 "; the location is reported separately.
        message = message.replaceFirst("^expression\\.js:\\d+:\\d+\\s*", "").lines().findFirst().orElse(message);
        SourceSection at = e.getSourceLocation();
        if (at == null || !at.isAvailable()) {
            return new SyntaxProblem(message, 0, 0);
        }
        int line = at.getStartLine();
        int column = line == 1 ? Math.max(1, at.getStartColumn() - 1) : at.getStartColumn();
        return new SyntaxProblem(message, line, column);
    }

    private Context borrow() {
        Context context = pool.poll();
        return context != null ? context : newContext();
    }

    private void release(Context context) {
        if (!pool.offer(context)) {
            context.close();
        }
    }

    private static Context newContext() {
        return Context.newBuilder("js")
                .engine(SharedEngine.get())
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .build();
    }
}
