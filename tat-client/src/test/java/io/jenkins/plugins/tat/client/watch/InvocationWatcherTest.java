package io.jenkins.plugins.tat.client.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.CancelInvocationRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.AdjustableClock;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.EmulatedTask;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.rules.InvokeCommandRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link InvocationWatcher} against the emulator, with tasks scripted to take tens to hundreds of
 * milliseconds and a watcher polling every 20 to 200 ms.
 */
// Every test talks to the emulator over loopback: none may hang the build if a wait never ends.
@Timeout(60)
class InvocationWatcherTest extends WatcherTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TaskScript succeedsAfter(long millis, String output) {
        return TaskScript.success().runningFor(Duration.ofMillis(millis)).output(output);
    }

    // ---- How tasks end ----

    @Test
    void allTasksSucceedAndTheirOutputIsReported() throws Exception {
        emu.script(CVM_1, succeedsAfter(30, "one\n"));
        emu.script(CVM_2, succeedsAfter(80, "two\n"));
        emu.script(CVM_3, succeedsAfter(150, "three\n"));
        String id = invoke(CVM_1, CVM_2, CVM_3);

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        assertThat(result.invocationId()).isEqualTo(id);
        assertThat(result.allSucceeded()).isTrue();
        assertThat(result.reports()).extracting(TaskReport::instanceId, TaskReport::output, TaskReport::exitCode)
                .containsExactlyInAnyOrder(
                        tuple(CVM_1, "one\n", 0L),
                        tuple(CVM_2, "two\n", 0L),
                        tuple(CVM_3, "three\n", 0L));
        assertThat(result.summary()).isEqualTo("3 succeeded");
    }

    @Test
    void theListenerHearsOfEachTaskExactlyOnce() throws Exception {
        emu.script(CVM_1, succeedsAfter(30, ""));
        emu.script(CVM_2, succeedsAfter(80, ""));
        emu.script(CVM_3, succeedsAfter(150, ""));
        String id = invoke(CVM_1, CVM_2, CVM_3);
        RecordingListener listener = new RecordingListener();

        WatchResult result = watcher().watch(id, listener);

        assertThat(listener.finished).extracting(TaskReport::instanceId).containsExactlyInAnyOrder(CVM_1, CVM_2, CVM_3);
        assertThat(listener.finished).extracting(TaskReport::invocationTaskId).doesNotHaveDuplicates();
        assertThat(listener.finished).containsExactlyElementsOf(result.reports());
    }

    @Test
    void theListenerHearsTheProgressUntilEveryTaskIsDone() throws Exception {
        emu.script(CVM_1, succeedsAfter(0, ""));
        emu.script(CVM_2, succeedsAfter(600, "")); // still running at the first poll, right after InvokeCommand
        String id = invoke(CVM_1, CVM_2);
        RecordingListener listener = new RecordingListener();

        watcher().watch(id, listener);

        assertThat(listener.totals).isNotEmpty().containsOnly(2);
        assertThat(listener.progress.get(0)).containsEntry(TaskStatus.SUCCESS, 1).containsEntry(TaskStatus.RUNNING, 1);
        assertThat(listener.progress.get(listener.progress.size() - 1)).isEqualTo(Map.of(TaskStatus.SUCCESS, 2));
        assertThat(listener.progress).as("only changes are reported").doesNotHaveDuplicates();
    }

    @Test
    void aFailedTaskIsReportedWithItsExitCode() throws Exception {
        emu.script(CVM_1, succeedsAfter(20, "ok\n"));
        emu.script(CVM_2, TaskScript.failure(2).runningFor(Duration.ofMillis(60)).output("disk full\n"));
        emu.script(CVM_3, succeedsAfter(100, "ok\n"));
        String id = invoke(CVM_1, CVM_2, CVM_3);

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        assertThat(result.allSucceeded()).isFalse();
        assertThat(result.unsuccessful()).singleElement().satisfies(r -> {
            assertThat(r.instanceId()).isEqualTo(CVM_2);
            assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(r.exitCode()).isEqualTo(2L);
            assertThat(r.output()).isEqualTo("disk full\n");
        });
        assertThat(result.summary()).isEqualTo("2 succeeded, 1 failed");
    }

    @Test
    void aCommandThatRunsPastItsTimeoutIsReportedAsTimeout() throws Exception {
        emu.script(CVM_1, TaskScript.timeout());
        String id = client.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(CVM_1).timeout(1L)
                .build()).invocationId();

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        assertThat(result.reports()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(TaskStatus.TIMEOUT);
            assertThat(r.exitCode()).as("a command the agent killed has no exit code of its own").isNull();
        });
        assertThat(result.summary()).isEqualTo("1 timed out");
    }

    @Test
    void aCommandThatFailedToStartKeepsItsErrorInfo() throws Exception {
        emu.script(CVM_1, TaskScript.startFailed("UserNotExists: user `bob` not exists"));
        String id = invoke(CVM_1);

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        assertThat(result.reports()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(TaskStatus.START_FAILED);
            assertThat(r.errorInfo()).isEqualTo("UserNotExists: user `bob` not exists");
            assertThat(r.exitCode()).as("a command that never ran has no exit code").isNull();
        });
        assertThat(result.summary()).isEqualTo("1 failed to start");
    }

    @Test
    void droppedBytesAndTheOutputUrlAreKept() throws Exception {
        emu.script(CVM_1, TaskScript.success().output("tail of the log\n").dropped(4096)
                .outputUrl("https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/run/ins-watch001.log"));
        String id = invoke(CVM_1);

        TaskReport report = watcher().watch(id, WatchListener.NONE).reports().get(0);

        assertThat(report.dropped()).isEqualTo(4096);
        assertThat(report.outputUrl()).isEqualTo("https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/run/ins-watch001.log");
        assertThat(report.output()).isEqualTo("tail of the log\n");
    }

    @Test
    void outputThatIsNotUtf8BecomesReplacementCharacters() throws Exception {
        emu.script(CVM_1, TaskScript.success().output(new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'}));
        String id = invoke(CVM_1);

        TaskReport report = watcher().watch(id, WatchListener.NONE).reports().get(0);

        assertThat(report.output()).isEqualTo("ok \uFFFD(\uFFFD\n");
    }

    // ---- Waiting, and when to stop ----

    @Test
    void aWaitTimeoutNamesTheUnfinishedTasksKeepsThePartialResultAndCancelsNothing() throws Exception {
        emu.script(CVM_1, succeedsAfter(0, "done\n"));
        emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMinutes(10)));
        String id = invoke(CVM_1, CVM_2);

        Throwable thrown = catchThrowable(() -> watcher(Duration.ofMillis(300)).watch(id, WatchListener.NONE));

        assertThat(thrown).isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
            assertThat(e.getMessage()).contains(id).contains(CVM_2 + " RUNNING").contains("1 of 2 tasks")
                    .contains("not cancelled");
            assertThat(e.unfinished()).isEqualTo(Map.of(CVM_2, "RUNNING"));
            assertThat(e.unfinishedInstances()).containsExactly(CVM_2);
            assertThat(e.partial().reports()).extracting(TaskReport::instanceId).containsExactly(CVM_1);
            assertThat(e.partial().reports().get(0).output()).isEqualTo("done\n");
        });
        assertThat(emu.received("CancelInvocation")).isZero();
        assertThat(emu.invocation(id).task(CVM_2).status()).isEqualTo("RUNNING");
    }

    @Test
    void aTaskWhoseAgentWentOfflineStaysPendingAndTheTimeoutSaysWhy() throws Exception {
        // The emulator's clock stands still, so the agent is offline before delivery was due.
        AdjustableClock serverClock = AdjustableClock.at(Instant.now());
        emu.clock(serverClock);
        emu.script(CVM_1, TaskScript.success().pendingFor(Duration.ofMillis(100)));
        String id = invoke(CVM_1);
        emu.setAgentOnline(CVM_1, false);
        serverClock.advance(Duration.ofMinutes(1));

        Throwable thrown = catchThrowable(() -> watcher(Duration.ofMillis(300)).watch(id, WatchListener.NONE));

        assertThat(thrown).isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
            assertThat(e.unfinished()).isEqualTo(Map.of(CVM_1, "PENDING"));
            assertThat(e.getMessage()).containsPattern("agent .*offline");
        });
    }

    @Test
    void anUnknownInvocationIsReportedAsNotFound() {
        Throwable thrown = catchThrowable(() -> watcher().watch("inv-zzzz9999", WatchListener.NONE));

        assertThat(thrown).isInstanceOf(InvocationNotFoundException.class)
                .hasMessageContaining("inv-zzzz9999").hasMessageContaining(REGION);
        // missing from two rounds in a row: one answer could come before the invocation is listed
        assertThat(emu.received("DescribeInvocations")).isEqualTo(2);
        assertThat(emu.received("DescribeInvocationTasks")).isZero();
    }

    @Test
    void anInvocationInAnotherRegionIsNotFound() throws Exception {
        emu.instance(EmulatedInstance.cvm("ins-shanghai1").region("ap-shanghai"));
        TatClient shanghai = TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region("ap-shanghai").endpoint(emu.endpoint()).rateLimiter(new RequestRateLimiter(1000, 1000)).build();
        String id = shanghai.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds("ins-shanghai1")
                .build()).invocationId();

        Throwable thrown = catchThrowable(() -> watcher().watch(id, WatchListener.NONE));

        assertThat(thrown).isInstanceOf(InvocationNotFoundException.class).hasMessageContaining("ap-guangzhou");
    }

    @Test
    void tasksAlreadyReportedAreNotReportedAgainButStayInTheResult() throws Exception {
        String id = invoke(CVM_1, CVM_2, CVM_3);
        String reportedBefore = emu.invocation(id).task(CVM_2).taskId();
        RecordingListener listener = new RecordingListener();

        WatchResult result = watcher().watch(id, Set.of(reportedBefore), listener);

        assertThat(listener.finished).extracting(TaskReport::instanceId).containsExactlyInAnyOrder(CVM_1, CVM_3);
        assertThat(result.reports()).extracting(TaskReport::instanceId).containsExactlyInAnyOrder(CVM_1, CVM_2, CVM_3);
    }

    @Test
    void tasksCancelledWhileBeingWatchedEndCancelledOrTerminated() throws Exception {
        emu.script(CVM_1, TaskScript.success().pendingFor(Duration.ofMinutes(10)));
        emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMinutes(10)));
        String id = invoke(CVM_1, CVM_2);
        CompletableFuture<WatchResult> watching = CompletableFuture.supplyAsync(() -> {
            try {
                return watcher().watch(id, WatchListener.NONE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitCondition(() -> emu.received("DescribeInvocations") >= 1);

        client.cancelInvocation(CancelInvocationRequest.of(id));
        WatchResult result = watching.get(30, TimeUnit.SECONDS);

        assertThat(result.reports()).extracting(TaskReport::instanceId, TaskReport::status).containsExactlyInAnyOrder(
                tuple(CVM_1, TaskStatus.CANCELLED),
                tuple(CVM_2, TaskStatus.TERMINATED));
        assertThat(result.summary()).isEqualTo("1 cancelled, 1 terminated");
    }

    @Test
    void thePollIntervalBacksOffWhileNothingChanges() throws Exception {
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofSeconds(1)));
        String id = invoke(CVM_1);

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        // Polling every 20 ms would take about 50 polls; doubling to 200 ms takes about 9. Each
        // round is one DescribeInvocations; the task's output is read once, when it has ended.
        assertThat(result.polls()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(15);
        assertThat(emu.received("DescribeInvocations")).isEqualTo(result.polls());
        assertThat(emu.received("DescribeInvocationTasks")).isEqualTo(1);
    }

    // ---- What watching costs ----

    /** Registers n CVM instances, each running a little longer than the one before, and returns their IDs. */
    private List<String> staggeredInstances(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String instanceId = String.format("ins-bud%05d", i);
            emu.instance(EmulatedInstance.cvm(instanceId));
            emu.script(instanceId, succeedsAfter(20 + (i % 12) * 25L, "task " + i + "\n"));
            ids.add(instanceId);
        }
        return ids;
    }

    /**
     * An invocation on the instances: through InvokeCommand up to its limit of 200 instances, and
     * made directly in the emulator beyond it.
     */
    private String invocationOn(List<String> instanceIds) throws InterruptedException {
        return instanceIds.size() <= InvokeCommandRules.MAX_INSTANCES
                ? invoke(instanceIds.toArray(String[]::new))
                : emu.createInvocation(COMMAND, instanceIds);
    }

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = {1, 99, 100, 250})
    void eachRoundCostsOneRequestPer100InvocationsAndEachTaskIsReadOnce(int instances) throws Exception {
        String id = invocationOn(staggeredInstances(instances));

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        List<JsonNode> reads = bodiesOf("DescribeInvocationTasks");
        long taskIdsRead = reads.stream().filter(b -> b.has("InvocationTaskIds")).mapToLong(b -> b.get("InvocationTaskIds").size()).sum();
        int describeCallsReceived = emu.received("DescribeInvocationTasks") + emu.received("DescribeInvocations");
        System.out.printf("Describe budget: %d instances, %d polls, %d Describe calls (%d DescribeInvocations,"
                + " %d DescribeInvocationTasks reading %d task IDs), at most %d in one poll%n", instances, result.polls(),
                result.describeCalls(), emu.received("DescribeInvocations"), reads.size(), taskIdsRead,
                result.mostCallsInOnePoll());
        assertThat(result.reports()).hasSize(instances).allMatch(TaskReport::succeeded);
        assertThat(describeCallsReceived).isEqualTo(result.describeCalls());
        assertThat(emu.received("DescribeInvocations")).isEqualTo(result.polls());
        assertThat(reads).allSatisfy(b -> assertThat(b.path("InvocationTaskIds").size()).isLessThanOrEqualTo(100));
        if (instances < 100) {
            // the basic info of DescribeInvocations carries the statuses: only ended tasks are read, once
            assertThat(taskIdsRead).isEqualTo(instances);
            assertThat(result.mostCallsInOnePoll()).isLessThanOrEqualTo(1 + (instances + 99) / 100);
        } else {
            // a large invocation's task count is read once (the first page by the invocation-id
            // filter); its basic info, as long as the count, is then trusted: only ended tasks are
            // read by ID, each at most once
            assertThat(reads.stream().filter(b -> b.has("Filters")).count()).isEqualTo(1);
            List<String> idsRead = reads.stream().filter(b -> b.has("InvocationTaskIds"))
                    .flatMap(b -> b.get("InvocationTaskIds").valueStream().map(JsonNode::asText)).toList();
            assertThat(idsRead).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(instances);
            assertThat(result.mostCallsInOnePoll()).isLessThanOrEqualTo(2 + (instances + 99) / 100);
        }
    }

    @Test
    void manyWatchesShareTheirRequestsAndAddNoThreadEach() throws Exception {
        int watches = 250;
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < watches; i++) {
            String instanceId = String.format("ins-many%05d", i);
            emu.instance(EmulatedInstance.cvm(instanceId));
            emu.script(instanceId, succeedsAfter(50 + (i % 10) * 30L, "done " + i + "\n"));
            instances.add(instanceId);
        }
        List<String> ids = new ArrayList<>();
        for (String instanceId : instances) {
            ids.add(invoke(instanceId));
        }
        int threadsBefore = Thread.activeCount();
        InvocationWatcher watcher = watcher();

        List<CompletableFuture<WatchResult>> futures = new ArrayList<>();
        for (String id : ids) {
            futures.add(watcher.watchAsync(id, WatchListener.NONE));
        }
        awaitCondition(() -> emu.received("DescribeInvocations") >= 2); // rounds are running
        int threadsWhileWaiting = Thread.activeCount();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<JsonNode> statusCalls = bodiesOf("DescribeInvocations");
        List<JsonNode> reads = bodiesOf("DescribeInvocationTasks");
        long taskIdsRead = reads.stream().mapToLong(b -> b.get("InvocationTaskIds").size()).sum();
        int rounds = futures.stream().mapToInt(f -> f.join().polls()).max().orElseThrow();
        System.out.printf("%d watches: %d rounds, %d DescribeInvocations, %d DescribeInvocationTasks reading %d task IDs,"
                + " threads %d before, %d while waiting%n", watches, rounds, statusCalls.size(), reads.size(), taskIdsRead,
                threadsBefore, threadsWhileWaiting);
        assertThat(statusCalls).allSatisfy(b -> assertThat(b.get("InvocationIds").size()).isBetween(1, 100));
        assertThat(statusCalls.size()).isLessThanOrEqualTo(rounds * ((watches + 99) / 100));
        assertThat(taskIdsRead).as("each ended task read once").isEqualTo(watches);
        // The HTTP client's threads exist already (the invocations were sent through it): what 250
        // watches may add is the polling's timer and round threads, a fixed bound, none per watch.
        assertThat(threadsWhileWaiting - threadsBefore).as("threads added by 250 watches")
                .isLessThanOrEqualTo(InvocationWatcher.MAX_POLLING_THREADS);
    }

    @Test
    void aCancelledWatchIsNoLongerPolled() throws Exception {
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(10)));
        String id = invoke(CVM_1);
        CompletableFuture<WatchResult> watching = watcher().watchAsync(id, WatchListener.NONE);
        awaitCondition(() -> emu.received("DescribeInvocations") >= 2);

        watching.cancel(false);
        int before = emu.received("DescribeInvocations");
        Thread.sleep(MAX_INTERVAL.toMillis() * 3); // several rounds' worth of time: nothing to ask for

        assertThat(emu.received("DescribeInvocations")).isLessThanOrEqualTo(before + 1);
        assertThat(emu.invocation(id).task(CVM_1).status()).as("the task goes on").isEqualTo("RUNNING");
    }

    private List<JsonNode> bodiesOf(String action) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (RecordedRequest request : emu.requests()) {
            if (action.equals(request.action())) {
                bodies.add(JSON.readTree(request.body()));
            }
        }
        return bodies;
    }

    @Test
    void aLargeInvocationIsCountedOnceAndItsCompleteBasicInfoTrusted() throws Exception {
        List<String> instances = staggeredInstances(250);
        String id = emu.createInvocation(COMMAND, instances);

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        List<JsonNode> describes = bodiesOf("DescribeInvocationTasks");
        JsonNode count = describes.get(0);
        assertThat(count.get("Filters").get(0).get("Name").asText()).isEqualTo("invocation-id");
        assertThat(count.get("Filters").get(0).get("Values").get(0).asText()).isEqualTo(id);
        assertThat(count.get("Offset").asLong()).as("after the basic info's tasks: only the count").isEqualTo(250);
        assertThat(describes.subList(1, describes.size())).as("later reads by task ID, of ended tasks only")
                .allSatisfy(body -> assertThat(body.get("InvocationTaskIds").size()).isBetween(1, 100));
        assertThat(describes.stream().mapToInt(b -> b.path("InvocationTaskIds").size()).sum()).isLessThanOrEqualTo(250);
        assertThat(result.reports()).extracting(TaskReport::instanceId).containsExactlyInAnyOrderElementsOf(instances);
        assertThat(result.reports()).extracting(TaskReport::output).allMatch(o -> o.startsWith("task "));
    }

    @Test
    void aCappedBasicInfoSetIsListedOnceOnTheTwoPagesAfterItAndItsHiddenTasksAreReadByID() throws Exception {
        emu.basicInfoCap(100);
        List<String> instances = staggeredInstances(250);
        String id = emu.createInvocation(COMMAND, instances);

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        List<JsonNode> describes = bodiesOf("DescribeInvocationTasks");
        for (int page = 0; page < 2; page++) {
            JsonNode body = describes.get(page);
            assertThat(body.get("Filters").get(0).get("Name").asText()).isEqualTo("invocation-id");
            assertThat(body.get("Filters").get(0).get("Values").get(0).asText()).isEqualTo(id);
            assertThat(body.get("Offset").asLong()).isEqualTo(100L + page * 100L);
            assertThat(body.get("Limit").asLong()).isEqualTo(100);
        }
        assertThat(describes.subList(2, describes.size())).as("later reads by task ID")
                .allSatisfy(body -> assertThat(body.get("InvocationTaskIds").size()).isBetween(1, 100));
        assertThat(result.reports()).extracting(TaskReport::instanceId).containsExactlyInAnyOrderElementsOf(instances);
        assertThat(result.reports()).allSatisfy(r -> assertThat(r.output()).isEqualTo("task "
                + instances.indexOf(r.instanceId()) + "\n"));
        assertThat(emu.invocation(id).tasks()).extracting(EmulatedTask::status).containsOnly("SUCCESS");
    }

    @Test
    void aCappedSetOfOtherTasksThanTheFirstIsListedFromTheStartToo() throws Exception {
        emu.basicInfoCapKeepingLast(100);
        List<String> instances = staggeredInstances(250);
        String id = emu.createInvocation(COMMAND, instances);

        WatchResult result = watcher().watch(id, WatchListener.NONE);

        List<Long> offsets = bodiesOf("DescribeInvocationTasks").stream().filter(b -> b.has("Filters"))
                .map(b -> b.get("Offset").asLong()).toList();
        assertThat(offsets).as("after the set, to the end, then from the start once").containsExactly(100L, 200L, 0L);
        assertThat(result.reports()).extracting(TaskReport::instanceId).containsExactlyInAnyOrderElementsOf(instances);
        assertThat(result.reports()).allSatisfy(r -> assertThat(r.output()).isEqualTo("task "
                + instances.indexOf(r.instanceId()) + "\n"));
    }

    /** Waits (at most 10 s) for a condition the emulator or another thread brings about. */
    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(1); // polls the condition; not a guess at how long anything takes
        }
    }
}
