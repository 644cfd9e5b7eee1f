package io.jenkins.plugins.tat.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders task reports as plain-text build log lines: a header per task (instance, status, exit
 * code, duration), the command's output, and what is worth knowing about it (bytes dropped,
 * the COS URL of the full output, the error info).
 *
 * <pre>
 * ---- ins-abcd1234: SUCCESS, exit code 0, 12.3 s ----
 * ...output...
 * ---- ins-efgh5678: START_FAILED, 0.1 s ----
 * Error: UserNotExists: user `bob` not exists
 * </pre>
 */
public final class TaskReportFormatter {

    /**
     * The start of a Jenkins console note ({@code ESC [8m ha:}). Output from an instance is
     * untrusted text; the escape character of such a sequence is replaced so that the log shows it
     * instead of interpreting it. Other escape sequences (colours) are left alone.
     */
    private static final String CONSOLE_NOTE_START = "\u001B[8mha:";

    private TaskReportFormatter() {}

    /**
     * @param report a finished task
     * @return the lines to log, without line terminators
     */
    public static List<String> lines(TaskReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(header(report));
        String output = neutralise(report.output());
        if (!output.isEmpty()) {
            String[] outputLines = output.split("\\R", -1);
            int n = outputLines.length;
            if (outputLines[n - 1].isEmpty()) {
                n--; // the newline ending the output is not one more line
            }
            for (int i = 0; i < n; i++) {
                lines.add(outputLines[i]);
            }
        }
        if (report.dropped() > 0) {
            lines.add("[output truncated by TAT: " + report.dropped() + " bytes dropped"
                    + (report.outputUrl().isEmpty() ? "; configure a COS bucket to keep the full output]" : "]"));
        }
        if (!report.outputUrl().isEmpty()) {
            lines.add("Full output: " + report.outputUrl());
        }
        if (!report.outputUploadError().isEmpty()) {
            lines.add("Output upload to COS failed: " + neutralise(report.outputUploadError()));
        }
        if (!report.errorInfo().isEmpty()) {
            lines.add("Error: " + neutralise(report.errorInfo()));
        }
        return lines;
    }

    /**
     * @param report a finished task
     * @return e.g. {@code ---- ins-abcd1234: FAILED, exit code 2, 3.4 s ----}
     */
    public static String header(TaskReport report) {
        StringBuilder s = new StringBuilder("---- ").append(report.instanceId()).append(": ").append(report.statusText());
        if (report.exitCode() != null) {
            s.append(", exit code ").append(report.exitCode());
        }
        report.duration().ifPresent(d -> s.append(", ").append(seconds(d)));
        return s.append(" ----").toString();
    }

    /**
     * @param result how the invocation ended
     * @return e.g. {@code inv-abcd1234: 3 succeeded, 1 failed (4 tasks)}
     */
    public static String summary(WatchResult result) {
        return result.invocationId() + ": " + result.summary() + " (" + result.reports().size()
                + (result.reports().size() == 1 ? " task)" : " tasks)");
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String neutralise(String text) {
        return text.replace(CONSOLE_NOTE_START, "^[[8mha:");
    }
}
