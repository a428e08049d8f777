package dev.switchboard.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestExcerptTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void showsWhatWasSentWithSecretReferencesKeptAndCredentialLikeValuesMasked() {
        RequestExcerpt excerpt = RequestExcerpt.of("""
                {"kind": "http", "connector": "acme/crm", "operation": "create_user", "method": "POST",
                 "path": "/users/7",
                 "headers": {"Authorization": "Bearer typed-in-abc", "X-Slack": "{{secret:slack_token}}",
                             "X-Api-Key": "k-123", "Accept": "application/json"},
                 "query": {"team": "core", "key": "q-456", "access_token": "{{secret:crm}}"},
                 "body": {"name": "Ada", "password": "hunter2", "profile": {"apiKey": "zzz", "city": "Paris"},
                          "tags": [{"session": "s-1"}]}}""", json);

        assertThat(excerpt.kind()).isEqualTo("http");
        assertThat(excerpt.connector()).isEqualTo("acme/crm");
        assertThat(excerpt.method()).isEqualTo("POST");
        assertThat(excerpt.path()).isEqualTo("/users/7");
        assertThat(excerpt.headers()).containsEntry("Authorization", "***").containsEntry("X-Api-Key", "***")
                .containsEntry("X-Slack", "{{secret:slack_token}}").containsEntry("Accept", "application/json");
        assertThat(excerpt.query()).containsEntry("team", "core").containsEntry("key", "***")
                .containsEntry("access_token", "{{secret:crm}}");
        String body = excerpt.body().toString();
        assertThat(body).contains("\"name\":\"Ada\"", "\"city\":\"Paris\"")
                .doesNotContain("hunter2", "zzz", "s-1");
    }

    @Test
    void aRawUrlLosesItsUserInfoAndCredentialQueryValuesAndALongBodyIsCut() {
        RequestExcerpt excerpt = RequestExcerpt.of("""
                {"kind": "http", "method": "POST",
                 "url": "https://bob:pw@api.example.com:8443/v1/items?limit=5&api_key=abc&sig=xyz",
                 "body": {"text": "%s"}}""".formatted("x".repeat(10_000)), json);

        assertThat(excerpt.url()).isEqualTo("https://***@api.example.com:8443/v1/items?limit=5&api_key=***&sig=***");
        assertThat(excerpt.body().isString()).isTrue();
        assertThat(excerpt.body().asString()).hasSizeLessThan(RequestExcerpt.BODY_CHARS + 40)
                .endsWith("(10011 characters in all)");
        assertThat(RequestExcerpt.of(null, json)).isNull();
    }
}
