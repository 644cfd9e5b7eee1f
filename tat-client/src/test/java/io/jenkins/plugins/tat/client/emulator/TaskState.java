package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;

/**
 * A task as DescribeInvocationTasks reports it at one moment (docs/dev/protocol.md §4.4). Times are null
 * where the API returns null.
 *
 * @param status TaskStatus
 * @param startTime when the task started (was delivered), or null while PENDING or if it never started
 * @param endTime when the task reached a final status, or null
 * @param execStartTime when the command started running, or null
 * @param execEndTime when the command stopped running, or null
 * @param exitCode ExitCode
 * @param output the output bytes, empty until the command has finished
 * @param dropped TaskResult.Dropped
 * @param outputUrl TaskResult.OutputUrl
 * @param errorInfo ErrorInfo, {@code ""} unless START_FAILED
 * @param updatedTime the time of the latest change
 */
record TaskState(
        String status,
        Instant startTime,
        Instant endTime,
        Instant execStartTime,
        Instant execEndTime,
        long exitCode,
        byte[] output,
        long dropped,
        String outputUrl,
        String errorInfo,
        Instant updatedTime) {

    /** Statuses after which nothing changes (our classification, docs/dev/protocol.md §4.4). */
    boolean isFinal() {
        return switch (status) {
            case "PENDING", "DELIVERING", "DELIVER_DELAYED", "RUNNING", "CANCELLING" -> false;
            default -> true;
        };
    }
}
