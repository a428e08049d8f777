package dev.switchboard.expressions;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS {@link Engine} of the process, and the one way to make a context on it. An
 * engine costs milliseconds and holds the code caches every context shares; creating one per
 * evaluation would waste both. Every context gets the same sandbox and statement limit (GraalJS
 * wants one limit configuration per engine).
 */
final class SharedEngine {

    /** Statements one evaluation may run; enough for transforms over large lists, not for runaway loops. */
    static final long STATEMENT_LIMIT = Long.getLong("switchboard.expressions.statement-limit", 10_000_000L);

    private SharedEngine() {
    }

    static Engine get() {
        return Holder.ENGINE;
    }

    /** A sandboxed context: no host classes or objects, no IO, threads, processes, env or polyglot. */
    static Context sandboxedContext() {
        return Context.newBuilder("js")
                .engine(get())
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(STATEMENT_LIMIT, null).build())
                .build();
    }

    private static final class Holder {
        // On a stock JDK GraalJS runs interpreted and would warn about it on every start.
        private static final Engine ENGINE = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }
}
