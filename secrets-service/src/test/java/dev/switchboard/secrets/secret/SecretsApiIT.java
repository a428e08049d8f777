package dev.switchboard.secrets.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import dev.switchboard.testing.TestTokens;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

class SecretsApiIT extends SecretsFixture {

    @Test
    void aPrivateSecretOverridesTheSharedOneForItsOwnerOnly() {
        assertThat(create(ADMIN, "slack_token", "xoxb-shared-1111", "shared").statusCode()).isEqualTo(201);
        assertThat(create(ALICE, "slack_token", "xoxb-alice-2222", "private").statusCode()).isEqualTo(201);

        assertThat(body(resolve("slack_token", "alice")).get("value").asString()).isEqualTo("xoxb-alice-2222");
        assertThat(body(resolve("slack_token", "bob")).get("value").asString()).isEqualTo("xoxb-shared-1111");
        assertThat(body(resolve("slack_token", "bob")).get("scope").asString()).isEqualTo("shared");
        HttpResponse<String> bobWritesShared = api().put("/api/v1/secrets/slack_token?scope=shared", BOB,
                "{\"value\": \"xoxb-evil\"}");
        assertThat(bobWritesShared.statusCode()).isEqualTo(403);
        assertThat(bobWritesShared.body()).doesNotContain("xoxb");
        assertThat(create(BOB, "other", "v", "shared").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/v1/secrets/slack_token?scope=private", BOB).statusCode()).isEqualTo(404);
        assertThat(body(api().get("/api/v1/secrets/slack_token", BOB)).get("scope").asString()).isEqualTo("shared");
        assertThat(body(api().get("/api/v1/secrets/slack_token", ALICE)).get("scope").asString()).isEqualTo("private");
        HttpResponse<String> bobsList = api().get("/api/v1/secrets", BOB);
        assertThat(body(bobsList).get("total").asLong()).isEqualTo(1);
        assertThat(bobsList.body()).doesNotContain("alice").doesNotContain("xoxb").doesNotContain("ciphertext");
    }

    @Test
    void updatesBumpTheVersionAndDeletesRemove() {
        create(ALICE, "crm_key", "first-value-aaaa", "private");

        HttpResponse<String> updated = api().put("/api/v1/secrets/crm_key?scope=private", ALICE,
                "{\"value\": \"second-value-bbbb\", \"description\": \"rotated\"}");

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(body(updated).get("version").asLong()).isEqualTo(2);
        assertThat(body(updated).get("keyId").asString()).isEqualTo("k1");
        assertThat(updated.body()).doesNotContain("value-");
        assertThat(body(resolve("crm_key", "alice")).get("value").asString()).isEqualTo("second-value-bbbb");
        assertThat(api().put("/api/v1/secrets/crm_key?scope=private", BOB, "{\"value\": \"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(api().delete("/api/v1/secrets/crm_key?scope=private", ALICE).statusCode()).isEqualTo(204);
        assertThat(resolve("crm_key", "alice").statusCode()).isEqualTo(404);
        assertThat(create(ALICE, "crm_key", "again", "private").statusCode()).isEqualTo(201);
        assertThat(create(ALICE, "crm_key", "again", "private").statusCode()).isEqualTo(409);
    }

    @Test
    void structuredCredentialsResolveAsObjects() {
        HttpResponse<String> created = api().post("/api/v1/secrets", ALICE, """
                {"name": "db_login", "scope": "private", "value": {"username": "app", "password": "pw-9999"}}""");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(resolve("db_login", "alice")).get("value").get("password").asString()).isEqualTo("pw-9999");
        assertThat(fields(api().post("/api/v1/secrets", ALICE, """
                {"name": "bad", "scope": "private", "value": {"username": 7}}"""))).containsExactly("value.username");
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() {
        assertThat(fields(api().post("/api/v1/secrets", ALICE, "{\"name\": \"x\", \"scope\": \"private\"}")))
                .containsExactly("value");
        assertThat(fields(create(ALICE, "has spaces", "v", "private"))).containsExactly("name");
        assertThat(fields(create(ALICE, "x", "v", "public"))).containsExactly("scope");
        HttpResponse<String> huge = create(ALICE, "big", "v".repeat(70 * 1024), "private");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(fields(huge)).containsExactly("value");
        assertThat(huge.body()).doesNotContain("vvvv");
        assertThat(fields(api().post("/api/v1/secrets", ALICE, "{\"name\": \"x\", \"value\": \"v\", \"scope\":"
                + " \"private\", \"colour\": 1}"))).containsExactly("colour");
        HttpResponse<String> malformed = api().post("/api/v1/secrets", ALICE, "{\"value\": xoxb-unquoted}");
        assertThat(fields(malformed)).containsExactly("body");
        assertThat(malformed.body()).doesNotContain("xoxb");
        assertThat(fields(api().put("/api/v1/secrets/x", ALICE, "{\"value\": \"v\"}"))).containsExactly("scope");
        assertThat(mongo.count(new Query(), "secrets")).isZero();
    }

    @Test
    void tamperedValuesFailToDecryptWithAClearError() {
        create(ALICE, "tampered", "value-to-protect", "private");
        create(ALICE, "rebound", "value-to-protect", "private");
        Document stored = mongo.findById("private:alice:tampered", Document.class, "secrets");
        byte[] ciphertext = stored.get("ciphertext", Binary.class).getData();
        ciphertext[3] ^= 0x10;
        mongo.updateFirst(Query.query(Criteria.where("_id").is("private:alice:tampered")),
                new Update().set("ciphertext", new Binary(ciphertext)), "secrets");
        mongo.updateFirst(Query.query(Criteria.where("_id").is("private:alice:rebound")),
                new Update().set("version", 2L), "secrets");

        for (String name : new String[] {"tampered", "rebound"}) {
            HttpResponse<String> refused = resolve(name, "alice");
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(body(refused).get("code").asString()).isEqualTo("SECRET_UNDECRYPTABLE");
            assertThat(body(refused).get("detail").asString()).contains("integrity");
            assertThat(refused.body()).doesNotContain("value-to-protect");
        }
    }

    @Test
    void theResolveEndpointTakesOnlyTheServiceCredential() {
        create(ADMIN, "shared_one", "s3cr3t-value", "shared");

        HttpResponse<String> noCredential = api().post("/internal/v1/secrets/resolve", null,
                "{\"name\": \"shared_one\"}");
        HttpResponse<String> userToken = api().post("/internal/v1/secrets/resolve", ADMIN,
                "{\"name\": \"shared_one\"}");
        HttpResponse<String> missing = resolve("nope", "alice");

        assertThat(noCredential.statusCode()).isEqualTo(401);
        assertThat(userToken.statusCode()).isEqualTo(401);
        assertThat(userToken.body()).doesNotContain("s3cr3t");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing).get("code").asString()).isEqualTo("SECRET_NOT_FOUND");
        assertThat(fields(resolve("bad name", "alice"))).containsExactly("name");
    }

    @Test
    void writesAndResolvesAreAuditedForAdminsOnly() {
        create(ADMIN, "audited", "audited-value", "shared");
        resolve("audited", "alice");
        resolve("ghost", "alice");

        HttpResponse<String> log = api().get("/api/v1/secrets/audit", ADMIN);

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(body(log).get("data").valueStream().map(e -> e.get("action").asString() + ":"
                + e.get("outcome").asString())).containsExactly("resolve:not_found", "resolve:found_shared",
                "create:ok");
        assertThat(log.body()).doesNotContain("audited-value");
        assertThat(api().get("/api/v1/secrets/audit", ALICE).statusCode()).isEqualTo(403);
        assertThat(api().get("/actuator/prometheus", null).body())
                .contains("switchboard_secrets_resolves_total{outcome=\"not_found\"}");
    }

    @Test
    void refusesMissingAndForeignTokens() {
        assertThat(api().get("/api/v1/secrets", null).statusCode()).isEqualTo(401);
        assertThat(api().get("/api/v1/secrets?page=0", ALICE).statusCode()).isEqualTo(400);
        assertThat(api().get("/api/v1/secrets", TestTokens.mint(TestTokens.randomKey(),
                "mallory", "admin")).statusCode()).isEqualTo(401);
    }
}
