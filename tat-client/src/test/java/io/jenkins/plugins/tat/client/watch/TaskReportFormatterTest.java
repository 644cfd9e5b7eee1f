package io.jenkins.plugins.tat.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.api.TaskOutput;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TaskReportFormatter}: what a build log shows of each finished task. */
class TaskReportFormatterTest {

    private static final Instant START = Instant.parse("2026-11-05T07:49:58Z");

    private static TaskReport report(TaskStatus status, Long exitCode, long millis, String output) {
        return new TaskReport("ins-abcd1234", "invt-abcd1234", status, status.name(), exitCode, START,
                START.plusMillis(millis), TaskOutput.of(output), 0, "", "", "");
    }

    private static TaskReport withOutput(String output) {
        return report(TaskStatus.SUCCESS, 0L, 1000, output);
    }

    private static TaskReport withExtras(long dropped, String outputUrl, String errorInfo, String uploadError) {
        return new TaskReport("ins-abcd1234", "invt-abcd1234", TaskStatus.FAILED, "FAILED", 1L, START, START, TaskOutput.of("out\n"),
                dropped, outputUrl, errorInfo, uploadError);
    }

    // ---- The header ----

    @Test
    void theHeaderNamesTheInstanceStatusExitCodeAndDuration() {
        assertThat(TaskReportFormatter.header(report(TaskStatus.FAILED, 2L, 3400, "")))
                .isEqualTo("---- ins-abcd1234: FAILED, exit code 2, 3.4 s ----");
    }

    @Test
    void theHeaderLeavesOutAnExitCodeThereIsNot() {
        assertThat(TaskReportFormatter.header(report(TaskStatus.START_FAILED, null, 100, "")))
                .isEqualTo("---- ins-abcd1234: START_FAILED, 0.1 s ----");
    }

    @Test
    void theHeaderLeavesOutADurationWithoutBothEnds() {
        TaskReport cancelled = new TaskReport("ins-abcd1234", "invt-abcd1234", TaskStatus.CANCELLED, "CANCELLED", null,
                null, START, TaskOutput.EMPTY, 0, "", "", "");

        assertThat(TaskReportFormatter.header(cancelled)).isEqualTo("---- ins-abcd1234: CANCELLED ----");
    }

    @Test
    void theHeaderShowsTheStatusAsTheApiSentIt() {
        TaskReport unknown = new TaskReport("ins-abcd1234", "invt-abcd1234", TaskStatus.UNKNOWN, "QUARANTINED", null,
                null, null, TaskOutput.EMPTY, 0, "", "", "");

        assertThat(TaskReportFormatter.header(unknown)).isEqualTo("---- ins-abcd1234: QUARANTINED ----");
    }

    @Test
    void theDurationHasOneDecimalWhateverTheLocale() {
        assertThat(TaskReportFormatter.header(report(TaskStatus.SUCCESS, 0L, 12_345, ""))).contains(", 12.3 s ----");
        assertThat(TaskReportFormatter.header(report(TaskStatus.SUCCESS, 0L, 0, ""))).contains(", 0.0 s ----");
    }

    // ---- The output ----

    @Test
    void theOutputFollowsTheHeaderOneLineEach() {
        assertThat(TaskReportFormatter.lines(withOutput("one\ntwo\n")))
                .containsExactly("---- ins-abcd1234: SUCCESS, exit code 0, 1.0 s ----", "one", "two");
    }

    @Test
    void outputWithoutAFinalNewlineKeepsItsLastLine() {
        assertThat(TaskReportFormatter.lines(withOutput("one\ntwo"))).endsWith("one", "two").hasSize(3);
    }

    @Test
    void windowsLineEndingsSplitLikeUnixOnes() {
        assertThat(TaskReportFormatter.lines(withOutput("one\r\ntwo\r\n"))).endsWith("one", "two").hasSize(3);
    }

    @Test
    void blankLinesInsideTheOutputAreKept() {
        assertThat(TaskReportFormatter.lines(withOutput("one\n\nthree\n\n"))).endsWith("one", "", "three", "").hasSize(5);
    }

    @Test
    void noOutputMeansTheHeaderAlone() {
        assertThat(TaskReportFormatter.lines(withOutput(""))).hasSize(1);
    }

    @Test
    void aJenkinsConsoleNoteInTheOutputIsNeutralised() {
        String forged = "before\u001B[8mha:AAAAWB+LCAAAAAAAAP9b85aBtbiIQTGjNKU4P08vOT+vOD8nVc+jsiC1KCczL9vfLz\u001B[0mafter";

        List<String> lines = TaskReportFormatter.lines(withOutput(forged + "\n"));

        assertThat(lines.get(1)).doesNotContain("\u001B[8mha:").startsWith("before^[[8mha:AAAA");
    }

    @Test
    void colourEscapesInTheOutputAreLeftAlone() {
        assertThat(TaskReportFormatter.lines(withOutput("\u001B[32mgreen\u001B[0m\n")).get(1))
                .isEqualTo("\u001B[32mgreen\u001B[0m");
    }

    @Test
    void aConsoleNoteInTheErrorInfoIsNeutralisedToo() {
        List<String> lines = TaskReportFormatter.lines(withExtras(0, "", "bad \u001B[8mha:AAAA", ""));

        assertThat(lines).last().isEqualTo("Error: bad ^[[8mha:AAAA");
    }

    // ---- What else is worth knowing ----

    @Test
    void droppedBytesWithoutCosSuggestConfiguringABucket() {
        assertThat(TaskReportFormatter.lines(withExtras(4096, "", "", "")))
                .containsExactly("---- ins-abcd1234: FAILED, exit code 1, 0.0 s ----", "out",
                        "[output truncated by TAT: 4096 bytes dropped; configure a COS bucket to keep the full output]");
    }

    @Test
    void droppedBytesWithCosPointToTheFullOutput() {
        assertThat(TaskReportFormatter.lines(withExtras(4096, "https://b-125.cos.ap-guangzhou.myqcloud.com/x.log", "", "")))
                .endsWith("[output truncated by TAT: 4096 bytes dropped]",
                        "Full output: https://b-125.cos.ap-guangzhou.myqcloud.com/x.log");
    }

    @Test
    void aFailedUploadToCosIsShown() {
        assertThat(TaskReportFormatter.lines(withExtras(0, "", "", "AccessDenied"))).last()
                .isEqualTo("Output upload to COS failed: AccessDenied");
    }

    @Test
    void theErrorInfoIsShown() {
        assertThat(TaskReportFormatter.lines(withExtras(0, "", "UserNotExists: user `bob` not exists", ""))).last()
                .isEqualTo("Error: UserNotExists: user `bob` not exists");
    }

    @Test
    void nothingIsAddedWhenThereIsNothingToSay() {
        assertThat(TaskReportFormatter.lines(withExtras(0, "", "", ""))).hasSize(2);
    }

    // ---- The summary ----

    private static WatchResult resultOf(TaskStatus... statuses) {
        List<TaskReport> reports = Arrays.stream(statuses).map(s -> report(s, null, 0, "")).toList();
        return new WatchResult("inv-abcd1234", reports, 1, 1, 1);
    }

    @Test
    void theSummaryCountsEachOutcomeInAFixedOrder() {
        WatchResult result = resultOf(TaskStatus.FAILED, TaskStatus.SUCCESS, TaskStatus.TIMEOUT, TaskStatus.SUCCESS,
                TaskStatus.SUCCESS);

        assertThat(TaskReportFormatter.summary(result)).isEqualTo("inv-abcd1234: 3 succeeded, 1 failed, 1 timed out (5 tasks)");
    }

    @Test
    void theSummaryOfOneTaskSaysTask() {
        assertThat(TaskReportFormatter.summary(resultOf(TaskStatus.START_FAILED)))
                .isEqualTo("inv-abcd1234: 1 failed to start (1 task)");
    }

    @Test
    void theSummaryOfNoTasks() {
        assertThat(TaskReportFormatter.summary(resultOf())).isEqualTo("inv-abcd1234: no tasks (0 tasks)");
    }

    // ---- TaskReport.toMap, for scripts ----

    @Test
    void toMapHasTheDocumentedKeysInOrder() {
        assertThat(report(TaskStatus.FAILED, 2L, 100, "x").toMap().keySet())
                .containsExactly("instanceId", "taskId", "status", "exitCode", "output", "outputUrl", "errorInfo", "dropped");
    }

    @Test
    void toMapHasStringsAndLongs() {
        Map<String, Object> map = withExtras(7, "https://b/x.log", "oops", "").toMap();

        assertThat(map).containsEntry("instanceId", "ins-abcd1234").containsEntry("taskId", "invt-abcd1234")
                .containsEntry("status", "FAILED").containsEntry("output", "out\n")
                .containsEntry("outputUrl", "https://b/x.log").containsEntry("errorInfo", "oops");
        assertThat(map.get("exitCode")).isInstanceOf(Long.class).isEqualTo(1L);
        assertThat(map.get("dropped")).isInstanceOf(Long.class).isEqualTo(7L);
    }

    @Test
    void toMapHasANullExitCodeWhenThereIsNone() {
        assertThat(report(TaskStatus.CANCELLED, null, 0, "").toMap()).containsEntry("exitCode", null);
    }

    @Test
    void toMapIsSerialisable() throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(withExtras(7, "https://b/x.log", "oops", "").toMap());
        }
    }
}
