package io.jenkins.plugins.tat.client.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.EmulatedTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Every test talks to the emulator over loopback: none may hang the build if a wait never ends.
@Timeout(60)
class BatchSenderTest extends FleetTestSupport {

    @Test
    void aFleetOf450IsSentAsThreeInvocationsEachInstanceOnce() throws Exception {
        List<SentBatch> heard = new ArrayList<>();
        List<SentBatch> sent = BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), this::invoke, heard::add);

        assertThat(sent).extracting(SentBatch::index).containsExactly(0, 1, 2);
        assertThat(heard).isEqualTo(sent);
        assertThat(emu.received("InvokeCommand")).isEqualTo(3);
        List<String> targeted = new ArrayList<>();
        for (SentBatch batch : sent) {
            EmulatedInvocation invocation = emu.invocation(batch.invocationId());
            assertThat(invocation.tasks()).extracting(EmulatedTask::instanceId).isEqualTo(batch.instanceIds());
            targeted.addAll(batch.instanceIds());
        }
        assertThat(targeted).isEqualTo(FLEET);
    }

    @Test
    void eachAcceptedBatchIsHeardBeforeTheNextIsSent() throws Exception {
        List<String> events = new ArrayList<>();
        BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), (index, ids) -> {
            events.add("send " + index);
            return invoke(index, ids);
        }, batch -> events.add("sent " + batch.index()));
        assertThat(events).containsExactly("send 0", "sent 0", "send 1", "sent 1", "send 2", "sent 2");
    }

    @Test
    void aRefusedBatchStopsTheSendingAndSaysWhatRunsAndWhatWasNotSent() {
        List<SentBatch> heard = new ArrayList<>();
        BatchSendException e = catchThrowableOfType(BatchSendException.class,
                () -> BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), (index, ids) -> {
                    if (index == 1) {
                        emu.faults().forAction("InvokeCommand").apiError("ResourceInsufficient.InstanceQuota", 1);
                    }
                    return invoke(index, ids);
                }, heard::add));

        assertThat(emu.received("InvokeCommand")).isEqualTo(2);
        assertThat(emu.invocations()).hasSize(1);
        assertThat(e.sent()).isEqualTo(heard).hasSize(1);
        assertThat(e.failedIndex()).isEqualTo(1);
        assertThat(e.failedInstances()).isEqualTo(FLEET.subList(200, 400));
        assertThat(e.mayHaveStarted()).isFalse();
        assertThat(e.notSent()).containsExactly(FLEET.subList(400, 450));
        assertThat(e.getCause()).isInstanceOf(TencentCloudApiException.class);
        assertThat(e.getMessage())
                .startsWith("Batch 2 of 3 (200 instances, ins-f0000200 to ins-f0000399) failed: ")
                .contains("ResourceInsufficient.InstanceQuota")
                .contains("Sent before it, and running: batch 1 " + heard.get(0).invocationId() + " (200 instances).")
                .endsWith("Not sent: batch 3 (50 instances, ins-f0000400 to ins-f0000449).")
                .doesNotContain("may have started")
                .doesNotContain(SECRET_KEY);
    }

    @Test
    void aBatchWhoseAnswerWasLostMayHaveStartedAndIsNeverSentAgain() {
        BatchSendException e = catchThrowableOfType(BatchSendException.class,
                () -> BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), (index, ids) -> {
                    if (index == 0) {
                        emu.faults().forAction("InvokeCommand").dropAfterAction(1);
                    }
                    return invoke(index, ids);
                }, batch -> {}));

        // The emulator ran it, the answer never came, and the client did not send it again.
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
        assertThat(emu.invocations()).hasSize(1);
        assertThat(e.getCause()).isInstanceOf(TatTransportException.class);
        assertThat(e.mayHaveStarted()).isTrue();
        assertThat(e.sent()).isEmpty();
        assertThat(e.notSent()).hasSize(2);
        assertThat(e.getMessage()).contains("It may have started all the same; it was not sent again.")
                .contains("No batch was sent before it.")
                .endsWith("Not sent: batches 2 to 3 (250 instances, ins-f0000200 to ins-f0000449).");
    }

    @Test
    void resumingSendsOnlyTheBatchesNotSentBefore() throws Exception {
        List<List<String>> batches = InstanceBatches.split(FLEET);
        SentBatch first = new SentBatch(0, batches.get(0), invoke(0, batches.get(0)));

        List<SentBatch> sent = BatchSender.sendAll(batches, List.of(first), this::invoke, batch -> {});

        assertThat(sent).hasSize(3).first().isEqualTo(first);
        assertThat(emu.received("InvokeCommand")).isEqualTo(3);
    }

    @Test
    void alreadySentBatchesMustBeTheFirstOnesAsSplit() {
        List<List<String>> batches = InstanceBatches.split(FLEET);
        SentBatch second = new SentBatch(1, batches.get(1), "inv-abcd1234");
        SentBatch wrongIds = new SentBatch(0, batches.get(1), "inv-abcd1234");
        assertThatThrownBy(() -> BatchSender.sendAll(batches, List.of(second), this::invoke, b -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchSender.sendAll(batches, List.of(wrongIds), this::invoke, b -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(emu.received("InvokeCommand")).isZero();
    }

    @Test
    void anInterruptionBetweenBatchesSendsNothingMore() {
        List<SentBatch> heard = new ArrayList<>();
        assertThatThrownBy(() -> BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), this::invoke, batch -> {
            heard.add(batch);
            throw new InterruptedException("aborted");
        })).isInstanceOf(InterruptedException.class);
        assertThat(heard).hasSize(1);
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void theBatchesToSendAreHeardBeforeTheFirstIsSent() throws Exception {
        List<List<String>> batches = InstanceBatches.split(FLEET);
        SentBatch first = new SentBatch(0, batches.get(0), invoke(0, batches.get(0)));
        List<String> events = new ArrayList<>();

        BatchSender.sendAll(batches, List.of(first), (index, ids) -> {
            events.add("send " + index);
            return invoke(index, ids);
        }, new BatchSender.Progress() {
            @Override
            public void planned(List<List<String>> toSend) {
                assertThat(toSend).as("only the batches not sent before").containsExactly(batches.get(1), batches.get(2));
                events.add("planned " + toSend.size());
            }

            @Override
            public void sent(SentBatch batch) {
                events.add("sent " + batch.index());
            }
        });

        assertThat(events).containsExactly("planned 2", "send 1", "sent 1", "send 2", "sent 2");
    }

    @Test
    void anInterruptionWhileHearingThePlanSendsNothing() {
        assertThatThrownBy(() -> BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), this::invoke,
                new BatchSender.Progress() {
                    @Override
                    public void planned(List<List<String>> toSend) throws InterruptedException {
                        throw new InterruptedException("aborted");
                    }

                    @Override
                    public void sent(SentBatch batch) {}
                })).isInstanceOf(InterruptedException.class);
        assertThat(emu.received("InvokeCommand")).isZero();
    }
}
