package dev.switchboard.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.expressions.TemplatePart.Literal;
import dev.switchboard.expressions.TemplatePart.PathLookup;
import dev.switchboard.expressions.TemplatePart.Script;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {

    private final JavaScriptSyntax javaScript = new JavaScriptSyntax();

    @Test
    void splitsLiteralsPathsAndScripts() {
        assertThat(Template.parse("/users/<<currentItem.id>>/posts?team=<<  team  >>")).containsExactly(
                new Literal("/users/"),
                new PathLookup("currentItem.id", List.of("currentItem", "id")),
                new Literal("/posts?team="),
                new PathLookup("team", List.of("team")));
        assertThat(Template.parse("<<(sourceData) => sourceData.users.length>>"))
                .containsExactly(new Script("(sourceData) => sourceData.users.length"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            users.data.0.id | users,data,0,id
            input-name      | input-name
            $cursor         | $cursor
            sourceData.x_y  | sourceData,x_y
            """)
    void readsPaths(String path, String segments) {
        assertThat(Template.parse("<<" + path + ">>"))
                .containsExactly(new PathLookup(path, List.of(segments.split(","))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(sourceData) => sourceData.x", "sourceData => sourceData.x",
        "function (s) { return s.x }", "async (s) => s.x"})
    void readsFunctions(String source) {
        assertThat(Template.parse("<<" + source + ">>")).containsExactly(new Script(source));
    }

    @Test
    void aTemplateAloneKeepsItsType() {
        assertThat(Template.isWholeValue("<<users.data.0.id>>")).isTrue();
        assertThat(Template.isWholeValue("<<(s) => s.n + 1>>")).isTrue();
        assertThat(Template.isWholeValue("id-<<id>>")).isFalse();
        assertThat(Template.isWholeValue(" <<id>>")).isFalse();
        assertThat(Template.isWholeValue("<<a>><<b>>")).isFalse();
        assertThat(Template.isWholeValue("plain")).isFalse();
        assertThat(Template.isWholeValue("<<unterminated")).isFalse();
    }

    @Test
    void closingMarksInsideStringsBracketsAndRegularExpressionsDoNotEndTheTemplate() {
        assertThat(Template.parse("<<(s) => \">>\" + s.x>>!")).containsExactly(
                new Script("(s) => \">>\" + s.x"), new Literal("!"));
        assertThat(Template.parse("<<(s) => s.items.map(i => i.n >> 1)>>"))
                .containsExactly(new Script("(s) => s.items.map(i => i.n >> 1)"));
        assertThat(Template.parse("<<(s) => `a ${s.b + '`>>'}>>`>>"))
                .containsExactly(new Script("(s) => `a ${s.b + '`>>'}>>`"));
        assertThat(Template.parse("<<(s) => s.a.replace(/>>/g, '')>>"))
                .containsExactly(new Script("(s) => s.a.replace(/>>/g, '')"));
    }

    @Test
    void aShiftAtTheTopLevelOfAnArrowsBodyEndsTheTemplate() {
        // The documented limit: parenthesise such a shift.
        assertThat(Template.parse("<<(s) => s.n >> 1>>")).containsExactly(
                new Script("(s) => s.n"), new Literal(" 1>>"));
        assertThat(Template.parse("<<(s) => (s.n >> 1)>>")).containsExactly(new Script("(s) => (s.n >> 1)"));
    }

    @Test
    void leavesSecretPlaceholdersAlone() {
        assertThat(Template.parse("Bearer {{secret:slack_token}}")).containsExactly(
                new Literal("Bearer {{secret:slack_token}}"));
        assertThat(Template.parse("{{secret:key}}-<<team>>")).containsExactly(
                new Literal("{{secret:key}}-"), new PathLookup("team", List.of("team")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <<team                 | 0  | unterminated template: '<<' at index 0
            a <<b>> c <<d          | 10 | unterminated template: '<<' at index 10
            x<<(s) => s.a(>>       | 1  | unterminated template
            <<>>                   | 0  | empty template <<>> at index 0
            'id <<   >>'           | 3  | empty template <<>> at index 3
            <<a..b>>               | 0  | neither a path
            <<a.>>                 | 0  | neither a path
            <<.a>>                 | 0  | neither a path
            <<1 + 2>>              | 0  | neither a path
            <<team name>>          | 0  | neither a path
            """)
    void refusesBrokenTemplates(String text, int index, String message) {
        assertThatThrownBy(() -> Template.parse(text)).isInstanceOfSatisfying(TemplateSyntaxException.class,
                e -> {
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e).hasMessageContaining(message);
                });
        assertThat(Template.problems(text, javaScript)).singleElement().asString().contains(message);
    }

    @Test
    void problemsIncludeJavaScriptSyntax() {
        assertThat(Template.problems("<<(s) => s.items.>>", javaScript)).singleElement().asString()
                .isEqualTo("template <<(s) => s.items.>>: Expected ident but found eof (line 1, column 16)");
        assertThat(Template.problems("<<(1 + 2)>>", javaScript)).singleElement().asString()
                .contains("must be a function");
        assertThat(Template.problems("<<(s) => s, 1>> and <<(s) => s.a; 1>>", javaScript)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<<(s) => s.items>> and <<team>>", "plain text", "", "Bearer {{secret:token}}"})
    void findsNoProblemsInGoodStrings(String text) {
        assertThat(Template.problems(text, javaScript)).isEmpty();
    }
}
