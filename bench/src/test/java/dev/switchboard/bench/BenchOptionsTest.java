package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsToTheFullProfileOnAStartedStandalone() {
        BenchOptions options = BenchOptions.parse();
        assertThat(options.quick()).isFalse();
        assertThat(options.url()).isNull();
        assertThat(options.port()).isEqualTo(18080);
        assertThat(options.out()).isEqualTo(Path.of("bench-results.json"));
    }

    @Test
    void readsQuickOutUrlAndToken() {
        BenchOptions options = BenchOptions.parse("--quick", "--out", "r.json", "--url", "http://127.0.0.1:8080/",
                "--token", "t");
        assertThat(options.quick()).isTrue();
        assertThat(options.out()).isEqualTo(Path.of("r.json"));
        assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(options.token()).isEqualTo("t");
    }

    @Test
    void passesUnknownOptionsOnToTheFaultHarnessOnly() {
        BenchOptions faults = BenchOptions.parse("--faults", "--runs", "50", "--out", "f.json");
        assertThat(faults.faults()).isTrue();
        assertThat(faults.passOn()).containsExactly("--runs", "50", "--out", "f.json");
        assertThatThrownBy(() -> BenchOptions.parse("--runs", "50")).hasMessageContaining("unknown option: --runs");
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse("--out")).hasMessage("--out needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--out", "--quick")).hasMessage("--out needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--port", "eighty")).hasMessageContaining("--port");
        assertThatThrownBy(() -> BenchOptions.parse("--port", "70000")).hasMessageContaining("--port");
        assertThatThrownBy(() -> BenchOptions.parse("--url", "ftp://x", "--token", "t"))
                .hasMessageContaining("--url must be http(s)");
        assertThatThrownBy(() -> BenchOptions.parse("--url", "http://127.0.0.1:8080"))
                .hasMessageContaining("--url needs --token");
    }
}
