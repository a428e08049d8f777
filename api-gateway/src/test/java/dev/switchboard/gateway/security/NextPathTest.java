package dev.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NextPathTest {

    @Test
    void aConsolePathIsKeptWithItsQuery() {
        assertThat(NextPath.of("/runs/run-42")).isEqualTo("/runs/run-42");
        assertThat(NextPath.of("/runs?status=failed&tool=a")).isEqualTo("/runs?status=failed&tool=a");
        assertThat(NextPath.of("/connectors/acme/crm#ops")).isEqualTo("/connectors/acme/crm#ops");
        // still a path here: an encoded CR LF stays encoded in the Location header, it splits nothing
        assertThat(NextPath.of("/%0d%0aSet-Cookie:x")).isEqualTo("/%0d%0aSet-Cookie:x");
    }

    @Test
    void anythingThatCouldLeaveTheConsoleOrLoopBackToLoginIsTheRunsPage() {
        for (String next : new String[] {null, "", "runs", "https://evil.example/", "//evil.example/x",
                "/\\evil.example", "/\t/evil.example", "/a b", "javascript:alert(1)",
                "/login", "/login?next=/login", "/login/oauth2/code/sso", "/\u0000x", "/x\\y"}) {
            assertThat(NextPath.of(next)).as(String.valueOf(next)).isEqualTo("/runs");
        }
    }
}
