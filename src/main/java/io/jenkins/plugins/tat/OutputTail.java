package io.jenkins.plugins.tat;

import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.TaskReportFormatter;

/**
 * The end of a task's output, as the build page keeps it: the last characters of the text the
 * build log printed for the task (its output, and the error info of a task that did not run), cut
 * at a line start where one is near so that the first line is whole.
 */
final class OutputTail {

    private OutputTail() {}

    /**
     * @param report a finished task
     * @param maxChars how many characters to keep at most
     * @return the tail; {@code ""} when the task printed nothing
     */
    static String of(TaskReport report, int maxChars) {
        // The log's lines without their header: the output neutralised as the log shows it, plus
        // the notes on truncation and the error info.
        var lines = TaskReportFormatter.lines(report);
        String text = String.join("\n", lines.subList(1, lines.size()));
        return tail(text, maxChars);
    }

    static String tail(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int from = text.length() - maxChars;
        if (Character.isLowSurrogate(text.charAt(from))) {
            from++;
        }
        int lineStart = text.indexOf('\n', from);
        if (lineStart >= 0 && lineStart - from < 200) {
            from = lineStart + 1;
        }
        return "…" + text.substring(from);
    }
}
