package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the tasks of one or more invocations (one, or a fleet's batches) count as a success, and
 * the parts of the message that says which did not: the caller words the message in its own
 * language and decides what a failure does (fail the step, or only print it).
 *
 * <p>Nothing waited for is no success: an empty list of results fails.
 */
public final class TaskVerdict {

    /** How many unsuccessful tasks {@link #unsuccessfulTasks()} names before it says "…". */
    public static final int NAMED = 20;

    private final List<WatchResult> results;
    private final List<TaskReport> unsuccessful;
    private final int taskCount;

    private TaskVerdict(List<WatchResult> results) {
        this.results = List.copyOf(results);
        this.unsuccessful = this.results.stream().flatMap(r -> r.unsuccessful().stream()).toList();
        this.taskCount = this.results.stream().mapToInt(r -> r.reports().size()).sum();
    }

    /**
     * @param results how the invocations ended, in order
     * @return their verdict
     */
    public static TaskVerdict of(List<WatchResult> results) {
        return new TaskVerdict(results);
    }

    /** @return whether there was something to wait for and every task of it succeeded */
    public boolean succeeded() {
        return !results.isEmpty() && results.stream().allMatch(WatchResult::allSucceeded);
    }

    /**
     * @param failOnTaskFailure whether a task that did not succeed should fail the caller's step
     * @return whether the step fails: a task did not succeed and that was asked to fail it
     */
    public boolean failsStep(boolean failOnTaskFailure) {
        return failOnTaskFailure && !succeeded();
    }

    /** @return the tasks that did not succeed, in the order of the invocations and their ends */
    public List<TaskReport> unsuccessful() {
        return List.copyOf(unsuccessful);
    }

    /** @return how many tasks did not succeed */
    public int unsuccessfulCount() {
        return unsuccessful.size();
    }

    /** @return how many tasks the invocations had in all */
    public int taskCount() {
        return taskCount;
    }

    /** @return the InvocationIds, separated by {@code ", "}, e.g. {@code inv-aaaa1111, inv-bbbb2222} */
    public String invocationIds() {
        return results.stream().map(WatchResult::invocationId).collect(Collectors.joining(", "));
    }

    /**
     * @return the first {@value #NAMED} unsuccessful tasks, each as instance, status and exit code
     *     (e.g. {@code ins-aaaa0001 FAILED (exit code 3)}), separated by {@code ", "}, and
     *     {@code ", …"} when there are more
     */
    public String unsuccessfulTasks() {
        return unsuccessful.stream().limit(NAMED).map(TaskVerdict::describe).collect(Collectors.joining(", "))
                + (unsuccessful.size() > NAMED ? ", …" : "");
    }

    private static String describe(TaskReport report) {
        return report.instanceId() + " " + report.statusText()
                + (report.exitCode() != null && report.status() != TaskStatus.SUCCESS ? " (exit code " + report.exitCode() + ")" : "");
    }
}
