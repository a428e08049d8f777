package dev.switchboard.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaScriptSyntaxTest {

    private final JavaScriptSyntax syntax = new JavaScriptSyntax();

    @ParameterizedTest
    @ValueSource(strings = {
        "(sourceData) => sourceData.users.data",
        "sourceData => { return sourceData.x.map(u => u.id); }",
        "function (sourceData) { return 1 }",
        "async (s) => s",
        "({users}) => users.filter(u => u.active)",
        "// pick the items\n(s) => s.items",
        "(s) => s.items // trailing comment",
        "(s, i = (1)) => s"})
    void acceptsFunctions(String source) {
        assertThat(syntax.checkFunction(source)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 + 2", "sourceData.x", "foo()", "'(s) => s'"})
    void refusesExpressionsThatAreNotFunctions(String source) {
        assertThat(syntax.checkFunction(source)).get().extracting(SyntaxProblem::message).asString()
                .contains("must be a function");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(s) => s; doEvil()", "(s) => {", "(s) => s.", "function (", "(s) => s)", " "})
    void refusesSyntaxErrorsAndSeveralStatements(String source) {
        assertThat(syntax.checkFunction(source)).isPresent();
    }

    @Test
    void reportsWhereTheErrorIs() {
        Optional<SyntaxProblem> problem = syntax.checkFunction("(s) => {\n  return s.a +;\n}");

        assertThat(problem).get().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isPositive();
            assertThat(p.message()).doesNotContain("at org.graalvm").doesNotContain("Exception");
        });
    }

    @Test
    void neverRunsWhatItChecks() {
        // Each would hang or kill the JVM if executed; the check only parses them.
        assertThat(syntax.checkFunction("(s) => { while (true) {} }")).isEmpty();
        assertThat(syntax.checkExpression("(() => { while (true) {} })()")).isEmpty();
        assertThat(syntax.checkFunction("(s) => Java.type('java.lang.System').exit(1)")).isEmpty();
        assertThat(syntax.checkExpression("Java.type('java.lang.System').exit(1)")).isEmpty();
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        boolean valid = syntax.checkFunction("(s) => s.items[" + (n * i) + "]").isEmpty();
                        boolean invalid = syntax.checkFunction("(s) => s.items[" + i).isPresent();
                        if (!valid || !invalid) {
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
    }
}
