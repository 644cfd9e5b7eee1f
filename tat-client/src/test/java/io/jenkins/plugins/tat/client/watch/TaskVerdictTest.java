package io.jenkins.plugins.tat.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.TaskOutput;
import io.jenkins.plugins.tat.client.api.TaskResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TaskVerdict}: which results fail a step, and the parts of the message naming them. */
class TaskVerdictTest {

    private static final Instant START = Instant.parse("2026-11-05T07:49:58Z");

    private static TaskReport task(String invocationId, String instanceId, String status, Long exitCode) {
        return TaskReport.of(new InvocationTask(invocationId, "invt-" + instanceId.substring(4), "cmd-abcd1234", instanceId,
                status, new TaskResult(exitCode, TaskOutput.of(""), 0, "", "", START, START.plusSeconds(1)), "", START,
                START, START.plusSeconds(1)));
    }

    private static WatchResult result(String invocationId, TaskReport... reports) {
        return new WatchResult(invocationId, List.of(reports), 1, 1, 1);
    }

    @Test
    void everyTaskSucceededPasses() {
        TaskVerdict verdict = TaskVerdict.of(List.of(
                result("inv-aaaa1111", task("inv-aaaa1111", "ins-aaaa0001", "SUCCESS", 0L)),
                result("inv-bbbb2222", task("inv-bbbb2222", "ins-bbbb0001", "SUCCESS", 0L))));

        assertThat(verdict.succeeded()).isTrue();
        assertThat(verdict.failsStep(true)).isFalse();
        assertThat(verdict.unsuccessfulCount()).isZero();
        assertThat(verdict.taskCount()).isEqualTo(2);
    }

    @Test
    void aTaskThatDidNotSucceedInAnyBatchFailsAndIsNamedWithItsExitCode() {
        TaskVerdict verdict = TaskVerdict.of(List.of(
                result("inv-aaaa1111", task("inv-aaaa1111", "ins-aaaa0001", "SUCCESS", 0L)),
                result("inv-bbbb2222", task("inv-bbbb2222", "ins-bbbb0001", "FAILED", 3L),
                        task("inv-bbbb2222", "ins-bbbb0002", "TIMEOUT", null),
                        task("inv-bbbb2222", "ins-bbbb0003", "SUCCESS", 0L))));

        assertThat(verdict.succeeded()).isFalse();
        assertThat(verdict.failsStep(true)).isTrue();
        assertThat(verdict.failsStep(false)).as("failOnTaskFailure: false only reports").isFalse();
        assertThat(verdict.unsuccessfulCount()).isEqualTo(2);
        assertThat(verdict.taskCount()).isEqualTo(4);
        assertThat(verdict.invocationIds()).isEqualTo("inv-aaaa1111, inv-bbbb2222");
        assertThat(verdict.unsuccessfulTasks()).isEqualTo("ins-bbbb0001 FAILED (exit code 3), ins-bbbb0002 TIMEOUT");
        assertThat(verdict.unsuccessful()).extracting(TaskReport::instanceId).containsExactly("ins-bbbb0001", "ins-bbbb0002");
    }

    @Test
    void nothingWaitedForIsNoSuccess() {
        TaskVerdict verdict = TaskVerdict.of(List.of());

        assertThat(verdict.succeeded()).isFalse();
        assertThat(verdict.failsStep(true)).isTrue();
        assertThat(verdict.taskCount()).isZero();
        assertThat(verdict.unsuccessfulTasks()).isEmpty();
    }

    @Test
    void anInvocationWithoutTasksIsNoSuccess() {
        assertThat(TaskVerdict.of(List.of(result("inv-aaaa1111"))).succeeded()).isFalse();
    }

    @Test
    void theMessageNamesTwentyTasksAndThenSaysThereAreMore() {
        List<TaskReport> reports = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            reports.add(task("inv-aaaa1111", String.format("ins-%08d", i), "FAILED", 1L));
        }
        TaskVerdict verdict = TaskVerdict.of(List.of(result("inv-aaaa1111", reports.toArray(TaskReport[]::new))));

        assertThat(verdict.unsuccessfulCount()).isEqualTo(25);
        assertThat(verdict.unsuccessfulTasks()).startsWith("ins-00000000 FAILED (exit code 1), ")
                .contains("ins-00000019 FAILED").doesNotContain("ins-00000020").endsWith(", …");
    }
}
