package io.jenkins.plugins.tat.client.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.watch.InvocationNotFoundException;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Every test talks to the emulator over loopback: none may hang the build if a wait never ends.
@Timeout(60)
class WatchAllTest extends FleetTestSupport {

    final List<TaskReport> heard = new CopyOnWriteArrayList<>();
    final WatchListener listener = new WatchListener() {
        @Override
        public void taskFinished(TaskReport report) {
            heard.add(report);
        }

        @Override
        public void progress(Map<TaskStatus, Integer> counts, int total) {}
    };

    InvocationWatcher watcher() {
        return InvocationWatcher.builder(client).initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(200))
                .waitTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void everyBatchIsWaitedForAndTheResultsComeInTheOrderGiven() throws Exception {
        List<SentBatch> sent = BatchSender.sendAll(InstanceBatches.split(FLEET), List.of(), this::invoke, b -> {});
        List<String> ids = sent.stream().map(SentBatch::invocationId).toList();

        List<WatchResult> results = watcher().watchAllAsync(ids, Set.of(), listener).get(30, TimeUnit.SECONDS);

        assertThat(results).extracting(WatchResult::invocationId).isEqualTo(ids);
        assertThat(results).allMatch(WatchResult::allSucceeded);
        assertThat(results).extracting(r -> r.reports().size()).containsExactly(200, 200, 50);
        assertThat(heard).extracting(TaskReport::instanceId).containsExactlyInAnyOrderElementsOf(FLEET);
    }

    @Test
    void tasksAlreadyReportedAreNotHeardAgain() throws Exception {
        String first = invoke(0, FLEET.subList(0, 2));
        String second = invoke(1, FLEET.subList(2, 3));
        List<WatchResult> once = watcher().watchAllAsync(List.of(first, second), Set.of(), listener).get(30, TimeUnit.SECONDS);
        String reportedTask = once.get(0).reports().get(0).invocationTaskId();
        heard.clear();

        List<WatchResult> again = watcher().watchAllAsync(List.of(first, second), Set.of(reportedTask), listener)
                .get(30, TimeUnit.SECONDS);

        assertThat(again.get(0).reports()).hasSize(2);
        assertThat(heard).hasSize(2).extracting(TaskReport::invocationTaskId).doesNotContain(reportedTask);
    }

    @Test
    void oneUnknownInvocationFailsTheWaitAndEndsTheOtherWatches() throws Exception {
        emu.scriptDefault(TaskScript.success().runningFor(Duration.ofMinutes(10)));
        String running = invoke(0, FLEET.subList(0, 1));

        CompletableFuture<List<WatchResult>> all = watcher().watchAllAsync(List.of(running, "inv-nothere1"), Set.of(), listener);

        assertThatThrownBy(() -> all.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InvocationNotFoundException.class);
        Thread.sleep(300); // a round already under way may still finish
        int describesAfterFailure = emu.received("DescribeInvocations");
        Thread.sleep(600); // several poll intervals: the running one's watch must have ended too
        assertThat(emu.received("DescribeInvocations")).isEqualTo(describesAfterFailure);
    }

    @Test
    void cancellingTheWaitEndsEveryWatch() throws Exception {
        emu.scriptDefault(TaskScript.success().runningFor(Duration.ofMinutes(10)));
        String a = invoke(0, FLEET.subList(0, 1));
        String b = invoke(1, FLEET.subList(1, 2));
        CompletableFuture<List<WatchResult>> all = watcher().watchAllAsync(List.of(a, b), Set.of(), listener);
        Thread.sleep(200);

        all.cancel(false);
        Thread.sleep(300); // a round already under way may still finish

        int describes = emu.received("DescribeInvocations");
        Thread.sleep(600);
        assertThat(emu.received("DescribeInvocations")).isEqualTo(describes);
        assertThat(emu.invocation(a).status()).isEqualTo("RUNNING");
    }

    @Test
    void badOrRepeatedIdsAreRefusedBeforeAnyWatchStarts() {
        assertThatThrownBy(() -> watcher().watchAllAsync(List.of("inv-abcd1234", "inv-abcd1234", "job-1"), Set.of(), listener))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("InvocationIds[1]").hasMessageContaining("listed more than once")
                .hasMessageContaining("InvocationIds[2]");
        assertThatThrownBy(() -> watcher().watchAllAsync(List.of(), Set.of(), listener))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("InvocationIds");
        assertThat(emu.requests()).isEmpty();
    }
}
