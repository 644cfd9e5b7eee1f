package io.jenkins.plugins.tat.client.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavesTest {

    @Test
    void aNumberCutsWavesOfThatSizeAndTheLastHoldsTheRemainder() {
        assertThat(Waves.parse(3).counts(10)).containsExactly(3, 3, 3, 1);
        assertThat(Waves.parse("3").counts(10)).containsExactly(3, 3, 3, 1);
        assertThat(Waves.parse(50).counts(10)).containsExactly(10);
    }

    @Test
    void aPercentageIsOfTheFrozenCountRoundedDown() {
        assertThat(Waves.parse("30%").counts(20)).containsExactly(6, 6, 6, 2); // Ansible's example
        assertThat(Waves.parse("25%").counts(7)).containsExactly(1, 1, 1, 1, 1, 1, 1); // 1.75 -> 1
        assertThat(Waves.parse(" 50 % ").counts(5)).containsExactly(2, 2, 1);
    }

    @Test
    void aPercentageIsAtLeastOneInstance() {
        assertThat(Waves.parse("1%").counts(3)).containsExactly(1, 1, 1);
    }

    @Test
    void theLastEntryOfAListRepeats() {
        assertThat(Waves.parse(List.of(1, "25%")).counts(20)).containsExactly(1, 5, 5, 5, 4);
        assertThat(Waves.parse(List.of(1, 2, "50%")).counts(10)).containsExactly(1, 2, 5, 2);
        assertThat(Waves.parse(List.of(2L, new BigDecimal("3"))).counts(8)).containsExactly(2, 3, 3);
    }

    @Test
    void noWavesMeansEveryTargetAtOnce() {
        assertThat(Waves.parse(null)).isEqualTo(Waves.ALL_AT_ONCE);
        assertThat(Waves.ALL_AT_ONCE.counts(450)).containsExactly(450);
        assertThat(Waves.ALL_AT_ONCE.counts(0)).isEmpty();
    }

    @Test
    void badShapesAreRefusedNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> Waves.parse("quarter")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("waves").hasMessageContaining("\"quarter\"");
        assertThatThrownBy(() -> Waves.parse(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Waves.parse("0%")).hasMessageContaining("at least 1%");
        assertThatThrownBy(() -> Waves.parse("120%")).hasMessageContaining("at most 100%");
        assertThatThrownBy(() -> Waves.parse(-2)).hasMessageContaining("-2 (Integer)");
        assertThatThrownBy(() -> Waves.parse(1.5)).hasMessageContaining("1.5 (Double)");
        assertThatThrownBy(() -> Waves.parse(List.of())).hasMessageContaining("empty list");
        assertThatThrownBy(() -> Waves.parse(List.of(1, "x%"))).hasMessageContaining("entry 2 of waves");
        assertThatThrownBy(() -> Waves.parse(true)).hasMessageContaining("true (Boolean)");
    }

    @Test
    void maxErrorsIsANumberOrAPercentageOfAllTargetsRoundedDown() {
        assertThat(MaxErrors.parse(null).allowed(50)).isZero();
        assertThat(MaxErrors.parse(3).allowed(50)).isEqualTo(3);
        assertThat(MaxErrors.parse("10%").allowed(50)).isEqualTo(5);
        assertThat(MaxErrors.parse("10%").allowed(19)).isEqualTo(1);
        assertThat(MaxErrors.parse("10%").allowed(9)).isZero();
        assertThat(MaxErrors.parse("0").allowed(9)).isZero();
    }

    @Test
    void badMaxErrorsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> MaxErrors.parse(-1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("maxErrors").hasMessageContaining("-1 (Integer)");
        assertThatThrownBy(() -> MaxErrors.parse("101%")).hasMessageContaining("at most 100%");
        assertThatThrownBy(() -> MaxErrors.parse(List.of(1))).hasMessageContaining("maxErrors");
        assertThatThrownBy(() -> MaxErrors.parse("some")).hasMessageContaining("\"some\"");
    }
}
