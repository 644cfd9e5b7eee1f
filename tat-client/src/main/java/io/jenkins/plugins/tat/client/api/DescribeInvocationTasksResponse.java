package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.util.List;

/**
 * One page of DescribeInvocationTasks.
 *
 * @param totalCount how many tasks match in all pages
 * @param tasks this page
 * @param requestId the RequestId of the call
 */
public record DescribeInvocationTasksResponse(long totalCount, List<InvocationTask> tasks, String requestId) {

    /**
     * @param totalCount the total
     * @param tasks the page
     * @param requestId the RequestId
     */
    public DescribeInvocationTasksResponse {
        tasks = List.copyOf(tasks);
    }

    public static DescribeInvocationTasksResponse fromJson(JsonNode response, String requestId) {
        Long total = ApiJson.number(response, "TotalCount");
        List<InvocationTask> items = ApiJson.list(response, "InvocationTaskSet", InvocationTask::fromJson);
        return new DescribeInvocationTasksResponse(total == null ? items.size() : total, items, requestId);
    }
}
