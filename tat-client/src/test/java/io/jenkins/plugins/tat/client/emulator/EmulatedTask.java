package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;

/**
 * A snapshot of one invocation task as the emulator sees it at the moment of the call, for
 * assertions in tests.
 *
 * @param taskId the InvocationTaskId, {@code invt-...}
 * @param instanceId the instance the task runs on
 * @param status the TaskStatus, e.g. PENDING, RUNNING, SUCCESS, CANCELLED
 * @param exitCode the ExitCode reported so far
 * @param errorInfo the ErrorInfo, {@code ""} unless START_FAILED
 * @param startTime StartTime, or null
 * @param endTime EndTime, or null
 */
public record EmulatedTask(
        String taskId,
        String instanceId,
        String status,
        long exitCode,
        String errorInfo,
        Instant startTime,
        Instant endTime) {}
