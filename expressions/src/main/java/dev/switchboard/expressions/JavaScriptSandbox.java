package dev.switchboard.expressions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs the JavaScript functions of tools ({@code dataSelector}, {@code outputTransform},
 * {@code <<(sourceData) => …>>}, pagination {@code stopCondition}) in GraalJS with no host access,
 * IO, threads or processes. Arguments go in and results come out as JSON text, so no Java object
 * is ever visible to the script and the result is plain data (a cycle or a BigInt is an error, not
 * a hang). Each call has a wall-clock budget enforced by a watchdog that cancels the context, and
 * a statement budget; a context that hit either is thrown away. One engine, pooled contexts, each
 * keeping the functions it compiled.
 *
 * <p>Limit: a single built-in call (e.g. {@code 'x'.repeat(1e8)}) is not counted in statements;
 * GraalJS's own length limits and the wall clock bound those.
 */
public final class JavaScriptSandbox {

    /** Results larger than this (as JSON text) are refused rather than copied into the heap. */
    static final int MAX_RESULT_CHARS = 16 * 1024 * 1024;
    private static final BlockingQueue<Evaluator> IDLE = new ArrayBlockingQueue<>(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    /** Evaluations running now, with their deadlines; the watchdog cancels the overdue ones. */
    private static final Map<Evaluator, Long> RUNNING = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService WATCHDOG = startWatchdog();
    /**
     * Pooled contexts run the scripts of many users, so nothing one script does may be seen by the
     * next: every global and built-in (and what hangs off them) is frozen before first use, so a
     * script can neither stash data in {@code globalThis} nor patch {@code Array.prototype}.
     */
    private static final Source LOCKDOWN = Source.newBuilder("js", """
            (() => {
              const seen = new Set();
              const freeze = (o) => {
                if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
                seen.add(o);
                try { Object.freeze(o); } catch (e) { /* e.g. typed arrays with elements */ }
                for (const key of Reflect.ownKeys(o)) {
                  const d = Object.getOwnPropertyDescriptor(o, key);
                  if (d && 'value' in d) freeze(d.value);
                }
              };
              for (const name of Reflect.ownKeys(globalThis)) {
                const d = Object.getOwnPropertyDescriptor(globalThis, name);
                if (d && 'value' in d) freeze(d.value);
              }
              Object.freeze(globalThis);
            })()""", "switchboard-lockdown.js").buildLiteral();
    private static final Source RUNNER = Source.newBuilder("js", """
            (fn, argsJson) => {
              const result = fn(...JSON.parse(argsJson));
              if (result instanceof Promise) {
                throw new TypeError('the function returned a Promise; it must return a value');
              }
              return result === undefined ? null : JSON.stringify(result);
            }""", "switchboard-runner.js").buildLiteral();

    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();

    public JavaScriptSandbox() {
        this(Duration.ofSeconds(1));
    }

    public JavaScriptSandbox(Duration timeout) {
        this.timeout = timeout;
    }

    /** Calls {@code function} (e.g. {@code (sourceData) => sourceData.items}) with the arguments. */
    public JsonNode call(String function, JsonNode... arguments) {
        ArrayNode args = JsonNodeFactory.instance.arrayNode();
        for (JsonNode argument : arguments) {
            args.add(argument == null ? JsonNodeFactory.instance.nullNode() : argument);
        }
        Evaluator evaluator = borrow();
        evaluator.cancelled = false;
        RUNNING.put(evaluator, System.nanoTime() + timeout.toNanos());
        boolean reusable = false;
        try {
            evaluator.context.resetLimits();
            Value result = evaluator.runner.execute(evaluator.function(function), args.toString());
            JsonNode parsed = parse(function, result.isNull() ? null : result.asString());
            reusable = true;
            return parsed;
        } catch (PolyglotException e) {
            reusable = !e.isCancelled() && !e.isResourceExhausted() && !e.isInternalError();
            throw translate(function, e, evaluator.cancelled);
        } catch (IllegalStateException e) {
            // the watchdog closed the context between two calls into it
            throw new ExpressionError(ExpressionError.TIMEOUT, function, "took longer than "
                    + timeout.toMillis() + " ms and was stopped");
        } finally {
            RUNNING.remove(evaluator);
            giveBack(evaluator, reusable && !evaluator.cancelled);
        }
    }

    /**
     * One daemon thread checks every 20 ms instead of a timer per call: scheduling and cancelling
     * a task per evaluation cost more than many evaluations themselves.
     */
    private static ScheduledExecutorService startWatchdog() {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "expression-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            RUNNING.forEach((evaluator, deadline) -> {
                if (now - deadline > 0 && RUNNING.remove(evaluator, deadline)) {
                    evaluator.cancelled = true;
                    evaluator.context.close(true);
                }
            });
        }, 20, 20, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private static Evaluator borrow() {
        Evaluator evaluator = IDLE.poll();
        return evaluator != null ? evaluator : new Evaluator(SharedEngine.sandboxedContext());
    }

    private static void giveBack(Evaluator evaluator, boolean reusable) {
        if (!reusable || !IDLE.offer(evaluator)) {
            try {
                evaluator.context.close(!reusable);
            } catch (RuntimeException alreadyClosed) {
                // a cancelled context may already be closed
            }
        }
    }

    /**
     * A pooled context with the runner and the functions it has already compiled: evaluating a
     * function's source again on every call would cost more than running it.
     */
    private static final class Evaluator {

        private static final int MAX_FUNCTIONS = 256;

        final Context context;
        final Value runner;
        volatile boolean cancelled;
        final Map<String, Value> functions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Value> eldest) {
                return size() > MAX_FUNCTIONS;
            }
        };

        Evaluator(Context context) {
            this.context = context;
            this.runner = context.eval(RUNNER);
            context.eval(LOCKDOWN);
        }

        Value function(String source) {
            Value fn = functions.get(source);
            if (fn == null) {
                fn = context.eval(Source.newBuilder("js", "(" + source + "\n)", "expression.js").buildLiteral());
                if (!fn.canExecute()) {
                    throw new ExpressionError(ExpressionError.ERROR, source, "must be a function such as"
                            + " (sourceData) => sourceData.items");
                }
                functions.put(source, fn);
            }
            return fn;
        }
    }

    private JsonNode parse(String function, String text) {
        if (text == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (text.length() > MAX_RESULT_CHARS) {
            throw new ExpressionError(ExpressionError.ERROR, function, "returned more than "
                    + MAX_RESULT_CHARS / (1024 * 1024) + " MB of JSON");
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new ExpressionError(ExpressionError.ERROR, function, "returned a value that is not JSON");
        }
    }

    private ExpressionError translate(String function, PolyglotException e, boolean timedOut) {
        if (timedOut || e.isCancelled()) {
            return new ExpressionError(ExpressionError.TIMEOUT, function, "took longer than " + timeout.toMillis()
                    + " ms and was stopped");
        }
        if (e.isResourceExhausted()) {
            return new ExpressionError(ExpressionError.TIMEOUT, function, "ran more than "
                    + SharedEngine.STATEMENT_LIMIT + " statements and was stopped");
        }
        String message = e.getMessage() == null ? "failed" : e.getMessage()
                .replaceFirst("^expression\\.js:\\d+:\\d+\\s*", "").lines().findFirst().orElse("failed");
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (frame.isGuestFrame() && at != null && "expression.js".equals(at.getSource().getName())) {
                message += " (line " + at.getStartLine() + ")";
                break;
            }
        }
        return new ExpressionError(ExpressionError.ERROR, function, message);
    }
}
