package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsOptionsTest {

    @Test
    void defaultsToTheLocalGatewayTheFirstPageAndColourOnATerminal() {
        OpsOptions options = OpsOptions.parse(List.of(), null, true);

        assertThat(options.url()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(options.token()).isNull();
        assertThat(options.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(options.topic()).isNull();
        assertThat(options.page()).isEqualTo(1);
        assertThat(options.limit()).isEqualTo(20);
        assertThat(options.color()).isTrue();
        assertThat(OpsOptions.parse(List.of(), null, false).color()).isFalse();
    }

    @Test
    void takesATopicPagingATokenAndNoColour() {
        OpsOptions options = OpsOptions.parse(List.of("switchboard.runs.requested", "--page=3", "--limit", "50",
                "--url", "https://sb.example.com/", "--no-color"), "from-env", true);

        assertThat(options.topic()).isEqualTo("switchboard.runs.requested");
        assertThat(options.page()).isEqualTo(3);
        assertThat(options.limit()).isEqualTo(50);
        assertThat(options.url()).isEqualTo(URI.create("https://sb.example.com"));
        assertThat(options.token()).isEqualTo("from-env");
        assertThat(options.color()).isFalse();
    }

    @Test
    void refusesBadInputNamingIt() {
        assertThatThrownBy(() -> OpsOptions.parse(List.of("--page", "0"), null, false))
                .isInstanceOf(UsageException.class).hasMessageContaining("--page");
        assertThatThrownBy(() -> OpsOptions.parse(List.of("--limit", "many"), null, false))
                .isInstanceOf(UsageException.class).hasMessageContaining("--limit");
        assertThatThrownBy(() -> OpsOptions.parse(List.of("a", "b"), null, false))
                .isInstanceOf(UsageException.class).hasMessageContaining("b");
        assertThatThrownBy(() -> OpsOptions.parse(List.of("--verbose"), null, false))
                .isInstanceOf(UsageException.class).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> OpsOptions.parse(List.of("--url", "ftp://x"), null, false))
                .isInstanceOf(UsageException.class).hasMessageContaining("--url");
    }
}
