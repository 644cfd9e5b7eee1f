package io.jenkins.plugins.tat.client.emulator;

import java.util.Collection;
import java.util.Set;

/**
 * Derives InvocationStatus from the statuses of its tasks. docs/dev/protocol.md §4.3 names the values
 * (PENDING, RUNNING, CANCELLING, SUCCESS, TIMEOUT, FAILED, CANCELLED, PARTIAL_FAILED,
 * PARTIAL_CANCELLED) but not the rule, so this rule is inferred:
 * <ul>
 *   <li>while any task is unfinished: PENDING if no task has started yet, else RUNNING;</li>
 *   <li>all SUCCESS: SUCCESS;</li>
 *   <li>all cancelled (CANCELLED or TERMINATED): CANCELLED; some cancelled: PARTIAL_CANCELLED;</li>
 *   <li>all TIMEOUT: TIMEOUT; all failed in any way (FAILED, TIMEOUT, START_FAILED,
 *       DELIVER_FAILED, TASK_TIMEOUT): FAILED;</li>
 *   <li>some SUCCESS and some failed: PARTIAL_FAILED.</li>
 * </ul>
 * The emulator never reports CANCELLING: CancelInvocation takes effect at once.
 */
final class InvocationStatusRule {

    private static final Set<String> CANCELLED = Set.of("CANCELLED", "TERMINATED");

    private InvocationStatusRule() {}

    static String aggregate(Collection<TaskState> tasks) {
        boolean anyUnfinished = tasks.stream().anyMatch(t -> !t.isFinal());
        if (anyUnfinished) {
            boolean allPending = tasks.stream().allMatch(t -> "PENDING".equals(t.status()));
            return allPending ? "PENDING" : "RUNNING";
        }
        long total = tasks.size();
        long succeeded = tasks.stream().filter(t -> "SUCCESS".equals(t.status())).count();
        long cancelled = tasks.stream().filter(t -> CANCELLED.contains(t.status())).count();
        long timedOut = tasks.stream().filter(t -> "TIMEOUT".equals(t.status())).count();
        if (succeeded == total) {
            return "SUCCESS";
        }
        if (cancelled == total) {
            return "CANCELLED";
        }
        if (cancelled > 0) {
            return "PARTIAL_CANCELLED";
        }
        if (timedOut == total) {
            return "TIMEOUT";
        }
        return succeeded == 0 ? "FAILED" : "PARTIAL_FAILED";
    }
}
