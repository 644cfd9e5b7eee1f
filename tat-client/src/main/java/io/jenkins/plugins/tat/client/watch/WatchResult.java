package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How an invocation ended: one report per task, and what the waiting cost.
 *
 * @param invocationId the invocation
 * @param reports one report per task, in the order the tasks ended
 * @param polls how many times the API was polled
 * @param describeCalls how many Describe* requests the polls made in all
 * @param mostCallsInOnePoll the largest number of Describe* requests made by a single poll
 */
public record WatchResult(String invocationId, List<TaskReport> reports, int polls, int describeCalls,
        int mostCallsInOnePoll) implements java.io.Serializable {

    /**
     * @param invocationId the invocation
     * @param reports the reports
     * @param polls the number of polls
     * @param describeCalls the number of Describe* requests
     * @param mostCallsInOnePoll the most requests in one poll
     */
    public WatchResult {
        reports = List.copyOf(reports);
    }

    /** @return whether every task succeeded */
    public boolean allSucceeded() {
        return !reports.isEmpty() && reports.stream().allMatch(TaskReport::succeeded);
    }

    /** @return the reports of tasks that did not succeed */
    public List<TaskReport> unsuccessful() {
        return reports.stream().filter(r -> !r.succeeded()).toList();
    }

    /** @return how many tasks ended in each status */
    public Map<TaskStatus, Integer> counts() {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        reports.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** @return e.g. {@code 3 succeeded, 1 failed, 1 timed out} */
    public String summary() {
        return summarise(counts());
    }

    /**
     * @param counts tasks per status
     * @return the counts in words, in a fixed order, e.g. {@code 3 succeeded, 1 failed}
     */
    public static String summarise(Map<TaskStatus, Integer> counts) {
        List<String> parts = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            Integer n = counts.get(status);
            if (n != null && n > 0) {
                parts.add(n + " " + words(status));
            }
        }
        return parts.isEmpty() ? "no tasks" : parts.stream().collect(Collectors.joining(", "));
    }

    /**
     * @param status a status
     * @return how a summary says it, e.g. {@code timed out}
     */
    public static String words(TaskStatus status) {
        return switch (status) {
            case SUCCESS -> "succeeded";
            case FAILED -> "failed";
            case TIMEOUT -> "timed out";
            case TASK_TIMEOUT -> "lost (agent unresponsive)";
            case START_FAILED -> "failed to start";
            case DELIVER_FAILED -> "not delivered";
            case CANCELLED -> "cancelled";
            case TERMINATED -> "terminated";
            case PENDING -> "pending";
            case DELIVERING -> "delivering";
            case DELIVER_DELAYED -> "delivery delayed";
            case RUNNING -> "running";
            case CANCELLING -> "cancelling";
            case UNKNOWN -> "in an unknown status";
        };
    }
}
