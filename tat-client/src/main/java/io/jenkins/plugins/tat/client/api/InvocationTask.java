package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.time.Instant;

/**
 * A task, the run of an invocation on one instance, as DescribeInvocationTasks returns it
 * (docs/dev/protocol.md §4.4).
 *
 * @param invocationId the invocation
 * @param invocationTaskId the task, {@code invt-xxxxxxxx}
 * @param commandId the command
 * @param instanceId the instance
 * @param taskStatus the API's status value
 * @param taskResult exit code and output; {@link TaskResult#EMPTY} when none came
 * @param errorInfo why the task failed, e.g. {@code UserNotExists: user `bob` not exists}, else {@code ""}
 * @param createdTime when it was created, or {@code null}
 * @param startTime when it started, or {@code null}
 * @param endTime when it ended, or {@code null}
 */
public record InvocationTask(
        String invocationId,
        String invocationTaskId,
        String commandId,
        String instanceId,
        String taskStatus,
        TaskResult taskResult,
        String errorInfo,
        Instant createdTime,
        Instant startTime,
        Instant endTime) {

    /** @return the status as an enum */
    public TaskStatus status() {
        return TaskStatus.of(taskStatus);
    }

    static InvocationTask fromJson(JsonNode node) {
        return new InvocationTask(
                ApiJson.text(node, "InvocationId"),
                ApiJson.text(node, "InvocationTaskId"),
                ApiJson.text(node, "CommandId"),
                ApiJson.text(node, "InstanceId"),
                ApiJson.shortText(node, "TaskStatus"),
                TaskResult.fromJson(node.get("TaskResult")),
                ApiJson.shortTextOrEmpty(node, "ErrorInfo"),
                ApiJson.time(node, "CreatedTime"),
                ApiJson.time(node, "StartTime"),
                ApiJson.time(node, "EndTime"));
    }
}
