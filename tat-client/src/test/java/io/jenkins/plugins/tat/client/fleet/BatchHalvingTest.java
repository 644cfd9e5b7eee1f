package io.jenkins.plugins.tat.client.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.EmulatedTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch TAT refuses as too large is sent again as two halves, against an emulator that takes
 * at most 100 instances per call (the older documented limit) while the batch size is 200.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchHalvingTest extends FleetTestSupport {

    private record Halving(int index, int refused, List<Integer> halves, String code) {}

    private final class Heard implements BatchSender.Progress {
        final List<SentBatch> sent = new ArrayList<>();
        final List<Halving> halvings = new ArrayList<>();

        @Override
        public void sent(SentBatch batch) {
            sent.add(batch);
        }

        @Override
        public void halved(int index, List<String> refused, List<List<String>> halves, TencentCloudApiException refusal) {
            halvings.add(new Halving(index, refused.size(), halves.stream().map(List::size).toList(),
                    refusal.errorCode()));
        }
    }

    @Test
    void aRefusedFullBatchIsSentAgainAsTwoHalvesAndTheListenerHearsOfIt() throws Exception {
        emu.maxInstancesPerCall(100);
        Heard heard = new Heard();

        List<SentBatch> sent = BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), this::invoke, heard);

        assertThat(sent).extracting(b -> b.instanceIds().size()).containsExactly(100, 100, 100, 100, 50);
        assertThat(sent).extracting(SentBatch::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(heard.halvings).containsExactly(
                new Halving(0, 200, List.of(100, 100), "InvalidParameterValue.LimitExceeded"),
                new Halving(2, 200, List.of(100, 100), "InvalidParameterValue.LimitExceeded"));
        assertThat(heard.sent).isEqualTo(sent);
        assertThat(emu.received("InvokeCommand")).isEqualTo(7); // 2 refused, 5 accepted
        List<String> targeted = new ArrayList<>();
        for (SentBatch batch : sent) {
            EmulatedInvocation invocation = emu.invocation(batch.invocationId());
            assertThat(invocation.tasks()).extracting(EmulatedTask::instanceId).isEqualTo(batch.instanceIds());
            targeted.addAll(batch.instanceIds());
        }
        assertThat(targeted).isEqualTo(FLEET); // each instance once, in order
    }

    @Test
    void halvesAreHalvedAgainUntilTheyFit() throws Exception {
        emu.maxInstancesPerCall(40);
        Heard heard = new Heard();

        List<SentBatch> sent = BatchSender.sendAll(InstanceBatches.split(FLEET.subList(0, 200)), List.of(), this::invoke,
                heard);

        assertThat(sent).extracting(b -> b.instanceIds().size()).containsExactly(25, 25, 25, 25, 25, 25, 25, 25);
        assertThat(sent.stream().flatMap(b -> b.instanceIds().stream()).toList()).isEqualTo(FLEET.subList(0, 200));
    }

    @Test
    void aRestartAfterHalvingResumesWithTheSecondHalfAndSendsNothingTwice() throws Exception {
        emu.maxInstancesPerCall(100);
        List<List<String>> batches = InstanceBatches.split(FLEET);
        List<SentBatch> beforeRestart = new ArrayList<>();
        assertThatThrownBy(() -> BatchSender.sendAll(batches, List.of(), this::invoke, batch -> {
            beforeRestart.add(batch);
            throw new InterruptedException("the controller stopped");
        })).isInstanceOf(InterruptedException.class);
        assertThat(beforeRestart).singleElement().satisfies(b -> assertThat(b.instanceIds()).hasSize(100));

        List<SentBatch> sent = BatchSender.sendAll(batches, beforeRestart, this::invoke, b -> {});

        assertThat(sent).extracting(b -> b.instanceIds().size()).containsExactly(100, 100, 100, 100, 50);
        assertThat(sent.stream().flatMap(b -> b.instanceIds().stream()).toList()).isEqualTo(FLEET);
        assertThat(emu.invocations()).hasSize(5);
    }

    @Test
    void otherRefusalsStillStopTheSending() {
        emu.maxInstancesPerCall(100);
        List<List<String>> single = InstanceBatches.split(List.of("ins-doesnot1"));

        assertThatThrownBy(() -> BatchSender.sendAll(single, List.of(), this::invoke, b -> {}))
                .isInstanceOf(BatchSendException.class);
    }
}
