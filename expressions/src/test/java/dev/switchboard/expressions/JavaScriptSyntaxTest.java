package dev.switchboard.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JavaScriptSyntaxTest {

    private final JavaScriptSyntax syntax = new JavaScriptSyntax();

    @ParameterizedTest
    @ValueSource(strings = {
        "(sourceData) => sourceData.users.data",
        "sourceData => { return sourceData.x.map(u => u.id); }",
        "function (sourceData) { return 1 }",
        "async (s) => s",
        "(response, pageInfo) => response.data.length === 0 || pageInfo.page >= 3",
        "({users}) => users.filter(u => u.active)",
        "// pick the items\n(s) => s.items",
        "/* why */ (s) /* here */ => s.items // trailing comment",
        "(s, i = (1)) => s",
        "(a = f(g(1))) => a",
        "async function* pages() { yield 1 }",
        "function named(a = {x: 1}) { return a }",
        "async => async",
        "s => s.ok ? {a: 1} : {b: 2}",
        "(s) => s.name.replace(/[)},]/g, '')",
        "(s) => `${s.first}, ${s.last}`"})
    void acceptsFunctions(String source) {
        assertThat(syntax.checkFunction(source)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 + 2", "sourceData.x", "foo()", "'(s) => s'", "async (s)", "((s) => s)(1)",
        // A function followed by more: the value is no longer the function.
        "(s) => s, doEvil()",
        "function (s) { return 1 }(doEvil())",
        "function () {}.call(this)",
        "function () {} + doEvil()"})
    void refusesExpressionsThatAreNotFunctions(String source) {
        assertThat(syntax.checkFunction(source)).get().extracting(SyntaxProblem::message)
                .isEqualTo("must be a function such as (sourceData) => sourceData.items");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(s) => s; doEvil()", "(s) => s\ndoEvil();", "(s) => {", "(s) => s.", "function (",
        "(s) => s)", "if (s) { s }"})
    void refusesSyntaxErrorsAndSeveralStatements(String source) {
        assertThat(syntax.checkFunction(source)).isPresent();
        assertThat(syntax.checkExpression(source)).isPresent();
    }

    @Test
    void refusesSourceThatClosesTheParenthesesItIsCheckedIn() {
        // Parsed in parentheses this is three statements: ((s) => s); doEvil(); (x)
        assertThat(syntax.checkFunction("(s) => s); doEvil(); (x")).contains(
                new SyntaxProblem("must be one expression: a closing bracket has no opening one", 1, 9));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\n\t"})
    void refusesEmptySource(String source) {
        assertThat(syntax.checkFunction(source)).contains(new SyntaxProblem("is empty", 0, 0));
        assertThat(syntax.checkExpression(source)).contains(new SyntaxProblem("is empty", 0, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            (s) => s.a +;                  | Expected an operand but found ; | 1 | 13
            '(s) => {\n  return s.a +;\n}' | Expected an operand but found ; | 2 | 15
            (s) => {                       | Expected } but found eof        | 1 | 9
            (s) => s.                      | Expected ident but found eof    | 1 | 10
            a b                            | Expected ) but found b          | 1 | 3
            """)
    void reportsTheParsersMessageWhereTheErrorIs(String source, String message, int line, int column) {
        assertThat(syntax.checkFunction(source.replace("\\n", "\n")))
                .contains(new SyntaxProblem(message, line, column));
    }

    @Test
    void messagesCarryNoStackTraceNorOurWrapping() {
        assertThat(syntax.checkFunction("(s) => {\n  return s.a +;\n}")).get().asString()
                .isEqualTo("Expected an operand but found ; (line 2, column 15)")
                .doesNotContain("SyntaxError", "expression.js", "at org.graalvm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s.a + 1", "1 + 2", "(s) => s", "s.items.map(i => i.id).join(',')", "`${s.a}>>`"})
    void acceptsExpressions(String source) {
        assertThat(syntax.checkExpression(source)).isEmpty();
    }

    @Test
    void neverRunsWhatItChecks() {
        // Each would hang or end the JVM if executed; the check only parses them, so it returns at once.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(syntax.checkFunction("(s) => { while (true) {} }")).isEmpty();
            assertThat(syntax.checkExpression("(() => { while (true) {} })()")).isEmpty();
            assertThat(syntax.checkFunction("(s) => Java.type('java.lang.System').exit(1)")).isEmpty();
            assertThat(syntax.checkExpression("Java.type('java.lang.System').exit(1)")).isEmpty();
        });
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                results.add(threads.submit(() -> {
                    JavaScriptSyntax own = n % 2 == 0 ? syntax : new JavaScriptSyntax();
                    for (int i = 0; i < 200; i++) {
                        String index = String.valueOf(n * i);
                        boolean valid = own.checkFunction("(s) => s.items[" + index + "]").isEmpty();
                        boolean invalidAtItsEnd = own.checkFunction("(s) => s.items[" + index)
                                .equals(Optional.of(new SyntaxProblem("Expected ] but found eof", 1,
                                        "(s) => s.items[".length() + index.length() + 1)));
                        if (!valid || !invalidAtItsEnd) {
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
