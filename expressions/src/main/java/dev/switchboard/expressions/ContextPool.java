package dev.switchboard.expressions;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;

/**
 * Reuses GraalJS contexts: a context on the shared engine costs about half a millisecond to
 * create, and may be used by one thread at a time. Callers may be virtual threads, so contexts are
 * lent out rather than kept per thread. When all are lent, a caller gets a new context instead of
 * waiting; at most {@code capacity} are kept afterwards and the rest are closed. A context that was
 * cancelled or ran out of its limits is closed instead of coming back.
 */
final class ContextPool {

    private final BlockingQueue<Context> idle;
    private final Supplier<Context> factory;

    ContextPool(int capacity, Supplier<Context> factory) {
        this.idle = new ArrayBlockingQueue<>(capacity);
        this.factory = factory;
    }

    /** Runs {@code work} with a context no other thread uses meanwhile. */
    <T> T withContext(Function<Context, T> work) {
        Context context = borrow();
        try {
            return work.apply(context);
        } finally {
            giveBack(context, true);
        }
    }

    Context borrow() {
        Context context = idle.poll();
        return context != null ? context : factory.get();
    }

    void giveBack(Context context, boolean reusable) {
        if (!reusable || !idle.offer(context)) {
            try {
                context.close(!reusable);
            } catch (RuntimeException alreadyClosed) {
                // a cancelled context may already be closed; nothing else to release
            }
        }
    }
}
