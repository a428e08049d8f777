package dev.switchboard.bench;

import dev.switchboard.expressions.JavaScriptSandbox;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.io.IOAccess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JMH benchmarks of the expression engine: a dataSelector-sized function on the sandbox's pooled
 * contexts (what every step pays), and a cold context on a shared engine (what a pool miss pays).
 * Sampled, so the results carry percentiles and not only a mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExpressionBenchmark {

    static final String FUNCTION = "(sourceData) => sourceData.users.data.map(u => u.id)";

    private JavaScriptSandbox sandbox;
    private JsonNode sourceData;
    private Engine engine;

    @Setup
    public void setUp() {
        sandbox = new JavaScriptSandbox();
        sourceData = JsonMapper.builder().build().readTree("""
                {"team": "core", "users": {"data": [{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bob"}],
                 "success": true}}""");
        engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public JsonNode pooledContext() {
        return sandbox.call(FUNCTION, sourceData);
    }

    /** The same restrictions as the sandbox's own contexts, so the cost is the one a pool miss pays. */
    @Benchmark
    public int coldContext() {
        try (Context context = Context.newBuilder("js").engine(engine)
                .allowHostAccess(HostAccess.NONE).allowHostClassLookup(name -> false).allowIO(IOAccess.NONE)
                .allowCreateThread(false).allowCreateProcess(false).allowNativeAccess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE).build()) {
            return context.eval("js", "[1, 2].map(x => x * 2).length").asInt();
        }
    }
}
