package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagShapeTest {

    @Test
    void aLagThatHoversIsFlat() {
        LagShape lag = LagShape.of(List.of(10L, 40L, 12L, 30L, 25L, 60L, 8L, 44L, 70L));
        assertThat(lag.firstThirdMax()).isEqualTo(40);
        assertThat(lag.lastThirdMax()).isEqualTo(70);
        assertThat(lag.flat()).isTrue();
    }

    @Test
    void aLagThatKeepsGrowingIsNot() {
        LagShape lag = LagShape.of(List.of(10L, 50L, 90L, 150L, 240L, 300L, 420L, 500L, 610L));
        assertThat(lag.lastThirdMax()).isEqualTo(610);
        assertThat(lag.flat()).isFalse();
    }

    @Test
    void noSamplesAreNoEvidenceOfGrowth() {
        assertThat(LagShape.of(List.of()).flat()).isTrue();
        assertThat(LagShape.of(List.of(500L)).flat()).isTrue();
    }
}
