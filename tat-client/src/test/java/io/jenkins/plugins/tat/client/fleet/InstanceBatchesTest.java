package io.jenkins.plugins.tat.client.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.rules.InvokeCommandRules;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InstanceBatchesTest {

    static List<String> fleet(int size) {
        return IntStream.range(0, size).mapToObj(i -> String.format("ins-f%07d", i)).toList();
    }

    @Test
    void aFleetIsSplitIntoConsecutiveBatchesOfAtMost200InTheOrderGiven() {
        List<String> ids = fleet(450);
        List<List<String>> batches = InstanceBatches.split(ids);
        assertThat(batches).extracting(List::size).containsExactly(200, 200, 50);
        List<String> joined = new ArrayList<>();
        batches.forEach(joined::addAll);
        assertThat(joined).isEqualTo(ids);
    }

    @Test
    void aFleetThatFitsOneCallIsOneBatch() {
        assertThat(InstanceBatches.split(fleet(200))).hasSize(1);
        assertThat(InstanceBatches.split(fleet(1))).containsExactly(fleet(1));
        assertThat(InstanceBatches.split(fleet(201))).extracting(List::size).containsExactly(200, 1);
    }

    @Test
    void theBatchSizeMustBePositive() {
        assertThatThrownBy(() -> InstanceBatches.split(fleet(3), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFleetMayHaveAnyNumberOfInstancesWhereOneCallMayHave200() {
        assertThat(InvokeCommandRules.fleetInstanceIds(fleet(1_000))).isEmpty();
        assertThat(InvokeCommandRules.instanceIds(fleet(1_000))).extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.LimitExceeded");
    }

    @Test
    void anInstanceListedTwiceInAFleetIsRefusedEvenInDifferentBatches() {
        List<String> ids = new ArrayList<>(fleet(300));
        ids.add(ids.get(5));
        assertThat(InvokeCommandRules.fleetInstanceIds(ids)).extracting(Violation::field)
                .containsExactly("InstanceIds[300]");
    }

    @Test
    void aFleetStillMayNotMixInstanceKindsNorHoldBadIds() {
        List<String> ids = new ArrayList<>(fleet(250));
        ids.add("lhins-abcd1234");
        ids.add("ins-NOTVALID");
        assertThat(InvokeCommandRules.fleetInstanceIds(ids)).extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.InvalidInstanceId", "InvalidParameterValue.InconsistentInstance");
    }
}
