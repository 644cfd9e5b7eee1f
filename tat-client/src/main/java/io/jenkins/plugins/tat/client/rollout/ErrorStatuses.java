package io.jenkins.plugins.tat.client.rollout;

import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which task statuses count against {@link MaxErrors}: the command failed or timed out, its agent
 * went silent, or it was never started or delivered. Cancellations (CANCELLED, TERMINATED) are
 * not errors: the rollout or a person stopped them, and an abort is reported as such.
 */
public final class ErrorStatuses {

    private static final Set<TaskStatus> ERRORS = EnumSet.of(TaskStatus.FAILED, TaskStatus.TIMEOUT,
            TaskStatus.TASK_TIMEOUT, TaskStatus.START_FAILED, TaskStatus.DELIVER_FAILED);

    private ErrorStatuses() {}

    /**
     * @param status a task's final status
     * @return whether it counts as an error
     */
    public static boolean isError(TaskStatus status) {
        return ERRORS.contains(status);
    }

    /** @return the statuses that count as errors */
    public static Set<TaskStatus> all() {
        return EnumSet.copyOf(ERRORS);
    }
}
