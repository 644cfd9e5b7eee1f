package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;

/**
 * A task as listed inside an invocation.
 *
 * @param invocationTaskId the task, {@code invt-xxxxxxxx}
 * @param taskStatus the API's status value
 * @param instanceId the instance it runs on
 */
public record InvocationTaskBasicInfo(String invocationTaskId, String taskStatus, String instanceId) {

    /** @return the status as an enum */
    public TaskStatus status() {
        return TaskStatus.of(taskStatus);
    }

    static InvocationTaskBasicInfo fromJson(JsonNode node) {
        return new InvocationTaskBasicInfo(ApiJson.text(node, "InvocationTaskId"), ApiJson.shortText(node, "TaskStatus"),
                ApiJson.text(node, "InstanceId"));
    }
}
