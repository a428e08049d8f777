package dev.switchboard.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultOptionsTest {

    @Test
    void defaultsTo500RunsOfEveryScenario() {
        FaultOptions options = FaultOptions.parse(List.of());

        assertThat(options.runs()).isEqualTo(500);
        assertThat(options.out()).isEqualTo(Path.of("fault-results.json"));
        assertThat(options.faults()).containsExactly(Fault.values());
    }

    @Test
    void takesOutRunsAndASubsetOfScenarios() {
        FaultOptions options = FaultOptions.parse(List.of("--out", "x.json", "--runs", "50", "--only", "d,b,d"));

        assertThat(options.out()).isEqualTo(Path.of("x.json"));
        assertThat(options.runs()).isEqualTo(50);
        assertThat(options.faults()).containsExactly(Fault.TARGET_503, Fault.EXECUTOR_KILL);
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> FaultOptions.parse(List.of("--runs", "many"))).hasMessageContaining("--runs");
        assertThatThrownBy(() -> FaultOptions.parse(List.of("--runs", "5"))).hasMessageContaining("between 10");
        assertThatThrownBy(() -> FaultOptions.parse(List.of("--only", "e"))).hasMessageContaining("a to d");
        assertThatThrownBy(() -> FaultOptions.parse(List.of("--out"))).hasMessageContaining("--out needs a value");
        assertThatThrownBy(() -> FaultOptions.parse(List.of("--url", "x"))).hasMessageContaining("unknown option");
    }
}
