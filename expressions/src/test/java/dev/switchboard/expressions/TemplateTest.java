package dev.switchboard.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.expressions.TemplatePart.Literal;
import dev.switchboard.expressions.TemplatePart.PathLookup;
import dev.switchboard.expressions.TemplatePart.Script;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {

    private final JavaScriptSyntax javaScript = new JavaScriptSyntax();

    @Test
    void splitsLiteralsPathsAndScripts() {
        assertThat(Template.parse("/users/<<currentItem.id>>/posts?team=<< team >>")).containsExactly(
                new Literal("/users/"),
                new PathLookup("currentItem.id", List.of("currentItem", "id")),
                new Literal("/posts?team="),
                new PathLookup("team", List.of("team")));
        assertThat(Template.parse("<<(sourceData) => sourceData.users.length>>"))
                .containsExactly(new Script("(sourceData) => sourceData.users.length"));
    }

    @Test
    void aTemplateAloneKeepsItsType() {
        assertThat(Template.isWholeValue("<<users.data.0.id>>")).isTrue();
        assertThat(Template.isWholeValue("<<(s) => s.n + 1>>")).isTrue();
        assertThat(Template.isWholeValue("id-<<id>>")).isFalse();
        assertThat(Template.isWholeValue("<<a>><<b>>")).isFalse();
        assertThat(Template.isWholeValue("plain")).isFalse();
    }

    @Test
    void closingMarksInsideStringsAndBracketsDoNotEndTheTemplate() {
        assertThat(Template.parse("<<(s) => \">>\" + s.x>>!")).containsExactly(
                new Script("(s) => \">>\" + s.x"), new Literal("!"));
        assertThat(Template.parse("<<(s) => s.items.map(i => i.n >> 1)>>"))
                .containsExactly(new Script("(s) => s.items.map(i => i.n >> 1)"));
        assertThat(Template.parse("<<(s) => `a ${s.b}>>`>>"))
                .containsExactly(new Script("(s) => `a ${s.b}>>`"));
    }

    @Test
    void leavesSecretPlaceholdersAlone() {
        assertThat(Template.parse("Bearer {{secret:slack_token}}")).containsExactly(
                new Literal("Bearer {{secret:slack_token}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<<team", "a <<b>> c <<d", "<<>>", "<<a..b>>", "<<1 + 2>>", "<<team name>>"})
    void refusesBrokenTemplates(String text) {
        assertThatThrownBy(() -> Template.parse(text)).isInstanceOf(TemplateSyntaxException.class);
        assertThat(Template.problems(text, javaScript)).hasSize(1);
    }

    @Test
    void namesWhereAnUnterminatedTemplateStarts() {
        assertThatThrownBy(() -> Template.parse("/users/<<id")).isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("index 7").hasMessageContaining("no closing '>>'");
    }

    @Test
    void problemsIncludeJavaScriptSyntax() {
        assertThat(Template.problems("<<(s) => s.items.>>", javaScript)).singleElement().asString()
                .startsWith("template <<(s) => s.items.>>");
        assertThat(Template.problems("<<(s) => s.items>> and <<team>>", javaScript)).isEmpty();
    }
}
