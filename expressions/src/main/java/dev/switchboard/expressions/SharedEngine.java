package dev.switchboard.expressions;

import org.graalvm.polyglot.Engine;

/**
 * The one GraalJS {@link Engine} of the process. An engine costs milliseconds and holds the
 * code caches every context shares; creating one per evaluation would waste both.
 */
final class SharedEngine {

    private SharedEngine() {
    }

    static Engine get() {
        return Holder.ENGINE;
    }

    private static final class Holder {
        // On a stock JDK GraalJS runs interpreted and would warn about it on every start.
        private static final Engine ENGINE = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }
}
