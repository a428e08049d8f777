package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneOptionsTest {

    @Test
    void defaultsToPort8080AndDataDirUnderTheWorkingDirectory() {
        StandaloneOptions options = StandaloneOptions.parse(List.of());

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(options.kafka()).isNull();
        assertThat(options.mongo()).isNull();
        assertThat(options.separate()).isFalse();
    }

    @Test
    void separateRunsEachPartInAProcessOfItsOwn() {
        assertThat(StandaloneOptions.parse(List.of("--separate", "--port", "9000")).separate()).isTrue();
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--separately")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--separately");
    }

    @Test
    void acceptsSpaceAndEqualsForms() {
        StandaloneOptions options = StandaloneOptions.parse(List.of("--port=9000", "--data-dir", "/tmp/sb",
                "--kafka", "k1:9092,k2:9092", "--mongo=mongodb://m:27017/?replicaSet=rs0", "--deny-private-egress"));

        assertThat(options.port()).isEqualTo(9000);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/sb"));
        assertThat(options.kafka()).isEqualTo("k1:9092,k2:9092");
        assertThat(options.mongo()).isEqualTo("mongodb://m:27017/?replicaSet=rs0");
        assertThat(options.denyPrivateEgress()).isTrue();
        assertThat(options.ports().registry()).isEqualTo(9001);
        assertThat(options.ports().kafka()).isEqualTo(9010);
    }

    @Test
    void refusesUnknownFlagsAndBadValuesNamingThem() {
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--prot", "80")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--prot");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--port", "eighty")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--port", "80")))
                .isInstanceOf(UsageException.class).hasMessageContaining("between 1024");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--port")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--kafka", "no-port")))
                .isInstanceOf(UsageException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--mongo", "http://x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("mongodb://");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--log-format", "xml")))
                .isInstanceOf(UsageException.class).hasMessageContaining("text, json");
    }

    @Test
    void tokenOptionsNeedASubjectAndKnownRoles() {
        TokenOptions options = TokenOptions.parse(List.of("--sub", "alice", "--role", "admin", "--role=user"));
        assertThat(options.roles()).containsExactly("admin", "user");
        assertThat(TokenOptions.parse(List.of("--sub", "bob")).roles()).containsExactly("user");

        assertThatThrownBy(() -> TokenOptions.parse(List.of("--role", "admin")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--sub is required");
        assertThatThrownBy(() -> TokenOptions.parse(List.of("--sub", "alice", "--role", "root")))
                .isInstanceOf(UsageException.class).hasMessageContaining("admin or user");
    }
}
