package io.jenkins.plugins.tat.client.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    static List<String> cvm(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("ins-%08d", i));
        }
        return ids;
    }

    @Test
    void wavesAreConsecutiveSlicesOfTheTargetsInOrder() {
        RolloutPlan plan = RolloutPlan.of(cvm(20), Waves.parse(List.of(1, "25%")));
        assertThat(plan.waveCount()).isEqualTo(5);
        assertThat(plan.wave(0)).containsExactly("ins-00000000");
        assertThat(plan.wave(1)).containsExactly("ins-00000001", "ins-00000002", "ins-00000003", "ins-00000004",
                "ins-00000005");
        assertThat(plan.allWaves().stream().flatMap(List::stream).toList()).isEqualTo(cvm(20));
        assertThat(plan.after(1)).hasSize(14).startsWith("ins-00000006");
        assertThat(plan.after(4)).isEmpty();
    }

    @Test
    void aWaveIsSentInCallsOfOneKindAndAtMostTheBatchSize() {
        List<String> targets = new ArrayList<>(cvm(450));
        targets.add("lhins-00000001");
        targets.add("rins-00000001");
        RolloutPlan plan = RolloutPlan.of(targets, Waves.ALL_AT_ONCE);
        List<List<String>> calls = plan.calls(0);
        assertThat(calls).extracting(List::size).containsExactly(200, 200, 50, 1, 1);
        assertThat(calls.get(3)).containsExactly("lhins-00000001");
        assertThat(calls.get(4)).containsExactly("rins-00000001");
        assertThat(plan.calls(0, 100)).extracting(List::size).containsExactly(100, 100, 100, 100, 50, 1, 1);
    }

    @Test
    void aMixedWaveIsSplitByKindEvenWhenSmall() {
        RolloutPlan plan = RolloutPlan.of(List.of("ins-aaaa0001", "lhins-aaaa0001", "ins-aaaa0002"), Waves.parse(3));
        assertThat(plan.calls(0)).containsExactly(List.of("ins-aaaa0001", "ins-aaaa0002"), List.of("lhins-aaaa0001"));
    }

    @Test
    void noTargetsMakeNoWaves() {
        assertThat(RolloutPlan.of(List.of(), Waves.parse(1)).waveCount()).isZero();
    }

    @Test
    void duplicatesAndUnknownKindsAreRefused() {
        assertThatThrownBy(() -> RolloutPlan.of(List.of("ins-aaaa0001", "ins-aaaa0001"), Waves.ALL_AT_ONCE))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> RolloutPlan.of(List.of("vm-1"), Waves.ALL_AT_ONCE)).hasMessageContaining("vm-1");
    }
}
