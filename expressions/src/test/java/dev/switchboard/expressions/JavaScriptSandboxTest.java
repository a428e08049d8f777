package dev.switchboard.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JavaScriptSandboxTest {

    private final JavaScriptSandbox sandbox = new JavaScriptSandbox();
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonNode sourceData = json.readTree("""
            {"team": "core", "users": {"data": [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Bob"}]}}""");

    @Test
    void functionsGetSourceDataAndReturnJson() {
        assertThat(sandbox.call("(sourceData) => sourceData.users.data.map(u => u.id)", sourceData).toString())
                .isEqualTo("[1,2]");
        assertThat(sandbox.call("s => ({n: s.users.data.length, team: s.team.toUpperCase()})", sourceData)
                .toString()).isEqualTo("{\"n\":2,\"team\":\"CORE\"}");
        assertThat(sandbox.call("(response, pageInfo) => pageInfo.page >= 3", json.readTree("{}"),
                json.readTree("{\"page\": 3}")).asBoolean()).isTrue();
        assertThat(sandbox.call("(s) => undefined", sourceData).isNull()).isTrue();
        assertThat(sandbox.call("function (s) { return 'x' + s.team; }", sourceData).asString()).isEqualTo("xcore");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(s) => java.lang.System.exit(1)",
        "(s) => Java.type('java.lang.System').exit(1)",
        "(s) => Polyglot.eval('js', '1')",
        "(s) => load('https://example.com/x.js')",
        "(s) => fetch('http://127.0.0.1:1/')",
        "(s) => new XMLHttpRequest()",
        "(s) => require('fs')",
        "(s) => Packages.java.io.File.createTempFile('x', 'y')",
        "(s) => quit()"})
    void nothingOutsideJavaScriptIsReachable(String escape) {
        assertThatThrownBy(() -> sandbox.call(escape, sourceData)).isInstanceOf(ExpressionError.class)
                .satisfies(e -> assertThat(((ExpressionError) e).code()).isEqualTo(ExpressionError.ERROR));
        assertThat(sandbox.call("(s) => s.team", sourceData).asString()).isEqualTo("core");
    }

    @Test
    void runawayLoopsAreStoppedInBoundedTimeAndTheSandboxStaysUsable() {
        JavaScriptSandbox quick = new JavaScriptSandbox(Duration.ofMillis(300));
        long started = System.nanoTime();

        assertThatThrownBy(() -> quick.call("(sourceData) => { while (true) {} }", sourceData))
                .isInstanceOf(ExpressionError.class)
                .satisfies(e -> assertThat(((ExpressionError) e).code()).isEqualTo(ExpressionError.TIMEOUT));
        assertThatThrownBy(() -> quick.call("(s) => { for (;;) { s = s + 1; } }", sourceData))
                .isInstanceOf(ExpressionError.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(quick.call("(s) => s.users.data[1].name", sourceData).asString()).isEqualTo("Bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(s) => new Array(2 ** 32)",
        "(s) => 'x'.repeat(2 ** 31)",
        "(s) => { const a = []; while (true) { a.push(a.length); } }"})
    void hugeAllocationsFailInsteadOfExhaustingTheHeap(String allocation) {
        assertThatThrownBy(() -> sandbox.call(allocation, sourceData)).isInstanceOf(ExpressionError.class);
        assertThat(sandbox.call("(s) => 1 + 1", sourceData).asInt()).isEqualTo(2);
    }

    @Test
    void errorsNameTheExpressionAndTheJavaScriptMessage() {
        assertThatThrownBy(() -> sandbox.call("(s) => s.missing.field", sourceData))
                .isInstanceOf(ExpressionError.class)
                .hasMessageStartingWith("(s) => s.missing.field: TypeError")
                .hasMessageNotContaining("at org.graalvm");
        assertThatThrownBy(() -> sandbox.call("(s) => {\n  throw new Error('boom');\n}", sourceData))
                .hasMessageContaining("boom").hasMessageContaining("line 2");
        assertThatThrownBy(() -> sandbox.call("42", sourceData)).hasMessageContaining("must be a function");
        assertThatThrownBy(() -> sandbox.call("(s) => { const a = {}; a.self = a; return a; }", sourceData))
                .isInstanceOf(ExpressionError.class);
        assertThatThrownBy(() -> sandbox.call("(s) => 10n", sourceData)).isInstanceOf(ExpressionError.class);
        assertThatThrownBy(() -> sandbox.call("async (s) => 1", sourceData)).hasMessageContaining("Promise");
    }

    @Test
    void scriptsCannotLeaveStateForTheNextCall() {
        // One thread, so the pool hands the same context back: what one user's script leaves, the next would see.
        sandbox.call("(s) => { globalThis.leak = s.team; leaked = s.team; return 1; }", sourceData);
        try {
            sandbox.call("(s) => { Array.prototype.map = () => ['patched']; JSON.stringify = () => 'x'; }", sourceData);
        } catch (ExpressionError strictModeRefusal) {
            // refusing loudly is as good as ignoring
        }
        assertThatThrownBy(() -> sandbox.call("(s) => { 'use strict'; globalThis.leak = 1; }", sourceData))
                .isInstanceOf(ExpressionError.class);

        assertThat(sandbox.call("(s) => [typeof globalThis.leak, typeof leaked]", sourceData).toString())
                .isEqualTo("[\"undefined\",\"undefined\"]");
        assertThat(sandbox.call("(s) => [1, 2].map(x => x * 2)", sourceData).toString()).isEqualTo("[2,4]");
    }

    @Test
    void isSafeToShareBetweenThreadsAndCheapOnAPooledContext() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (sandbox.call("(s, k) => s.users.data.length + k", sourceData, json.readTree(
                                String.valueOf(n))).asInt() != 2 + n) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        long[] nanos = new long[20_000];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            sandbox.call("(s) => s.users.data.map(u => u.id)", sourceData);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("expression on a pooled context: p50 %.1f us, p99 %.1f us (n=%d)%n",
                nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3, nanos.length);
    }
}
