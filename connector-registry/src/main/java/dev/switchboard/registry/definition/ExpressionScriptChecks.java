package dev.switchboard.registry.definition;

import dev.switchboard.expressions.JavaScriptSyntax;
import dev.switchboard.expressions.Template;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@link ScriptChecks} with the expressions module's GraalJS parser: the same one runs will use. */
@Component
class ExpressionScriptChecks implements ScriptChecks {

    private final JavaScriptSyntax javaScript = new JavaScriptSyntax();

    @Override
    public List<String> functionProblems(String source) {
        return javaScript.checkFunction(source).map(problem -> List.of(problem.toString())).orElse(List.of());
    }

    @Override
    public List<String> templateProblems(String text) {
        return Template.problems(text, javaScript);
    }
}
