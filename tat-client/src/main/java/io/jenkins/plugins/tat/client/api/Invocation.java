package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.time.Instant;
import java.util.List;

/**
 * An invocation as DescribeInvocations returns it (docs/dev/protocol.md §4.3).
 *
 * @param invocationId the invocation
 * @param commandId the command run
 * @param commandName the command's name
 * @param invocationStatus the API's aggregate status, e.g. {@code RUNNING}, {@code PARTIAL_FAILED}
 * @param tasks the tasks, one per instance
 * @param instanceKind {@code CVM} or {@code LIGHTHOUSE}, when given
 * @param username the user the command runs as
 * @param timeout the timeout in seconds, when given
 * @param workingDirectory the working directory
 * @param commandType {@code SHELL}, {@code POWERSHELL} or {@code BAT}
 * @param createdTime when it was created, or {@code null}
 * @param startTime when it started, or {@code null}
 * @param endTime when it ended, or {@code null}
 */
public record Invocation(
        String invocationId,
        String commandId,
        String commandName,
        String invocationStatus,
        List<InvocationTaskBasicInfo> tasks,
        String instanceKind,
        String username,
        Long timeout,
        String workingDirectory,
        String commandType,
        Instant createdTime,
        Instant startTime,
        Instant endTime) {

    /**
     * @param invocationId the invocation
     * @param commandId the command
     * @param commandName the command's name
     * @param invocationStatus the status
     * @param tasks the tasks
     * @param instanceKind the instance kind
     * @param username the user
     * @param timeout the timeout
     * @param workingDirectory the directory
     * @param commandType the command type
     * @param createdTime creation time
     * @param startTime start time
     * @param endTime end time
     */
    public Invocation {
        tasks = List.copyOf(tasks);
    }

    static Invocation fromJson(JsonNode node) {
        return new Invocation(
                ApiJson.text(node, "InvocationId"),
                ApiJson.text(node, "CommandId"),
                ApiJson.shortText(node, "CommandName"),
                ApiJson.shortText(node, "InvocationStatus"),
                ApiJson.list(node, "InvocationTaskBasicInfoSet", InvocationTaskBasicInfo::fromJson),
                ApiJson.text(node, "InstanceKind"),
                ApiJson.text(node, "Username"),
                ApiJson.number(node, "Timeout"),
                ApiJson.text(node, "WorkingDirectory"),
                ApiJson.text(node, "CommandType"),
                ApiJson.time(node, "CreatedTime"),
                ApiJson.time(node, "StartTime"),
                ApiJson.time(node, "EndTime"));
    }
}
