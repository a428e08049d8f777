package dev.switchboard.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TemplateRendererTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final TemplateRenderer renderer = new TemplateRenderer(new JavaScriptSandbox());
    private final JsonNode sourceData = json.readTree("""
            {"team": "core", "limit": 50, "active": true, "nothing": null,
             "users": {"data": [{"id": 7, "tags": ["a", "b"]}]},
             "currentItem": {"id": 42, "name": "Ada Lovelace"}}""");

    @Test
    void aTemplateAloneKeepsItsJsonType() {
        assertThat(render("\"<<limit>>\"")).isEqualTo(json.readTree("50"));
        assertThat(render("\"<<active>>\"")).isEqualTo(json.readTree("true"));
        assertThat(render("\"<<users.data.0>>\"")).isEqualTo(json.readTree("{\"id\": 7, \"tags\": [\"a\", \"b\"]}"));
        assertThat(render("\"<<nothing>>\"").isNull()).isTrue();
        assertThat(render("\"<<(sourceData) => sourceData.users.data.length * 2>>\"")).isEqualTo(json.readTree("2"));
    }

    @Test
    void insideALongerStringValuesAreStringified() {
        assertThat(render("\"/users/<<currentItem.id>>/tags/<<users.data.0.tags>>\"").asString())
                .isEqualTo("/users/42/tags/[\"a\",\"b\"]");
        assertThat(render("\"Hello <<currentItem.name>>, team <<team>>!\"").asString())
                .isEqualTo("Hello Ada Lovelace, team core!");
        assertThat(render("\"n=<<(s) => s.limit + 1>>\"").asString()).isEqualTo("n=51");
    }

    @Test
    void rendersEveryStringInObjectsAndArraysButNotKeys() {
        JsonNode rendered = render("""
                {"<<team>>": "<<team>>", "page": {"size": "<<limit>>", "ids": ["<<currentItem.id>>", 3]},
                 "flag": false}""");

        assertThat(rendered).isEqualTo(json.readTree("""
                {"<<team>>": "core", "page": {"size": 50, "ids": [42, 3]}, "flag": false}"""));
    }

    @Test
    void secretPlaceholdersAreLeftForTheExecutor() {
        assertThat(render("\"Bearer {{secret:slack_token}} for <<team>>\"").asString())
                .isEqualTo("Bearer {{secret:slack_token}} for core");
    }

    @Test
    void anUnresolvedPathFailsNamingIt() {
        assertThatThrownBy(() -> render("\"/users/<<currentItem.email>>\""))
                .isInstanceOf(ExpressionError.class)
                .satisfies(e -> assertThat(((ExpressionError) e).code()).isEqualTo(ExpressionError.UNRESOLVED))
                .hasMessageContaining("'currentItem.email' is not in sourceData");
        assertThatThrownBy(() -> render("\"<<users.data.3.id>>\"")).hasMessageContaining("users.data.3.id");
        assertThatThrownBy(() -> render("\"<<team.name>>\"")).isInstanceOf(ExpressionError.class);
    }

    @Test
    void sourceDataInFrontOfAPathIsAllowed() {
        assertThat(render("\"<<sourceData.team>>\"").asString()).isEqualTo("core");
    }

    @Test
    void failingScriptsAndBrokenTemplatesAreExpressionErrors() {
        assertThatThrownBy(() -> render("\"<<(s) => s.missing.x>>\"")).isInstanceOf(ExpressionError.class)
                .satisfies(e -> assertThat(((ExpressionError) e).code()).isEqualTo(ExpressionError.ERROR));
        assertThatThrownBy(() -> render("\"<<team\"")).isInstanceOf(ExpressionError.class)
                .hasMessageContaining("unterminated");
    }

    private JsonNode render(String templateJson) {
        return renderer.render(json.readTree(templateJson), sourceData);
    }
}
