package dev.switchboard.executor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemotePathTest {

    @Test
    void aStepPathIsNormalisedAndJoinedToTheBase() {
        assertThat(RemotePath.resolve("/srv/in", "a/./b//c.txt", "body.path").remote()).isEqualTo("/srv/in/a/b/c.txt");
        assertThat(RemotePath.resolve("/srv/in", "/a/../b.txt", "body.path").visible()).isEqualTo("/b.txt");
        assertThat(RemotePath.resolve("/srv/in", "/", "body.path").remote()).isEqualTo("/srv/in");
        assertThat(RemotePath.resolve("/", "x/y", "body.path").remote()).isEqualTo("/x/y");
    }

    @Test
    void aPathThatClimbsAboveTheBaseIsRefusedNotClamped() {
        for (String path : new String[] {"..", "/../x", "a/../../x", "a/b/../../../srv/in/x"}) {
            assertThatThrownBy(() -> RemotePath.resolve("/srv/in", path, "body[2].path"))
                    .isInstanceOfSatisfying(FileCallException.class, e -> {
                        assertThat(e.code()).isEqualTo("PATH_OUTSIDE_BASE");
                        assertThat(e.getMessage()).startsWith("body[2].path '" + path + "'");
                    });
        }
    }

    @Test
    void controlCharactersAndBackslashesAreRefused() {
        for (String path : new String[] {"a\r\nDELE b", "a\u0000b", "..\\..\\x", "a\tb"}) {
            assertThatThrownBy(() -> RemotePath.resolve("/", path, "body.path"))
                    .isInstanceOfSatisfying(FileCallException.class, e -> assertThat(e.code())
                            .isEqualTo("INVALID_REQUEST"));
        }
    }

    @Test
    void theBaseComesFromTheUrlPathAndParentsStopAtIt() {
        assertThat(RemotePath.base(null)).isEqualTo("/");
        assertThat(RemotePath.base("")).isEqualTo("/");
        assertThat(RemotePath.base("/data/./in/")).isEqualTo("/data/in");
        RemotePath deep = RemotePath.resolve("/data", "/a/b", "body.path");
        assertThat(deep.parent().remote()).isEqualTo("/data/a");
        assertThat(deep.parent().parent().isRoot()).isTrue();
        assertThat(deep.parent().parent().parent().remote()).isEqualTo("/data");
        assertThat(deep.child("c.txt").visible()).isEqualTo("/a/b/c.txt");
        assertThat(deep.name()).isEqualTo("b");
    }
}
