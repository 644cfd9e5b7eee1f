package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.TaskOutput;
import io.jenkins.plugins.tat.client.api.TaskResult;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * How one task ended: the instance, the status, and what the command printed.
 *
 * @param instanceId the instance
 * @param invocationTaskId the task
 * @param status the terminal status
 * @param statusText the API's status value as received
 * @param exitCode the exit code, or {@code null} when the command did not run to an end by itself
 *     (any status but SUCCESS and FAILED)
 * @param startTime when the command started, or {@code null}
 * @param endTime when it ended, or {@code null}
 * @param taskOutput what the command printed, as bytes (the same object as the task's
 *     {@link TaskResult#output()}: a watch keeps each output once); see {@link #output()} for the text
 * @param dropped how many bytes of output the API cut off (the full output is at {@code outputUrl}
 *     when COS output was configured)
 * @param outputUrl the COS URL of the full output, or {@code ""}
 * @param errorInfo why the task failed, e.g. {@code UserNotExists: user `bob` not exists}, or {@code ""}
 * @param outputUploadError why uploading the output to COS failed, or {@code ""}
 */
public record TaskReport(
        String instanceId,
        String invocationTaskId,
        TaskStatus status,
        String statusText,
        Long exitCode,
        Instant startTime,
        Instant endTime,
        TaskOutput taskOutput,
        long dropped,
        String outputUrl,
        String errorInfo,
        String outputUploadError) implements java.io.Serializable {

    /**
     * The output as text, made from the bytes on each call: bytes that are not UTF-8 are shown as
     * U+FFFD.
     *
     * @return the output
     */
    public String output() {
        return taskOutput.text();
    }

    /** @return whether the command succeeded */
    public boolean succeeded() {
        return status == TaskStatus.SUCCESS;
    }

    /** @return how long the command ran, when both ends are known */
    public Optional<Duration> duration() {
        return startTime == null || endTime == null ? Optional.empty() : Optional.of(Duration.between(startTime, endTime));
    }

    /**
     * The report as plain values for a script to read: {@code instanceId}, {@code taskId},
     * {@code status}, {@code exitCode} (a {@code Long}, or {@code null}), {@code output},
     * {@code outputUrl}, {@code errorInfo}, {@code dropped} (a {@code Long}).
     *
     * @return a new, modifiable, serialisable map of strings and numbers
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("instanceId", instanceId);
        map.put("taskId", invocationTaskId);
        map.put("status", statusText);
        map.put("exitCode", exitCode);
        map.put("output", output());
        map.put("outputUrl", outputUrl);
        map.put("errorInfo", errorInfo);
        map.put("dropped", dropped);
        return map;
    }

    /**
     * @param task a terminal task as DescribeInvocationTasks returned it
     * @return its report
     */
    public static TaskReport of(InvocationTask task) {
        TaskResult result = task.taskResult();
        // The command's own start and end when it ran; the task's otherwise (e.g. START_FAILED).
        Instant start = result.execStartTime() != null ? result.execStartTime() : task.startTime();
        Instant end = result.execEndTime() != null ? result.execEndTime() : task.endTime();
        // The API sends an ExitCode for every task, 0 even for one whose command never ran
        // (START_FAILED, CANCELLED) and a placeholder for one the agent killed (TIMEOUT, TERMINATED).
        // Only a command that ended by itself has an exit code worth reporting.
        boolean ranToAnEnd = task.status() == TaskStatus.SUCCESS || task.status() == TaskStatus.FAILED;
        return new TaskReport(task.instanceId(), task.invocationTaskId(), task.status(), task.taskStatus(),
                ranToAnEnd ? result.exitCode() : null, start, end, result.output(), result.dropped(), result.outputUrl(),
                task.errorInfo(), result.outputUploadCosErrorInfo());
    }
}
