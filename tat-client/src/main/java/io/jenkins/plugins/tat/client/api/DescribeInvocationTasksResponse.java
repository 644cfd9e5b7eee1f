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

    /**
     * @param response the answer's {@code Response}
     * @param requestId its RequestId
     * @return the page
     * @throws io.jenkins.plugins.tat.client.http.MalformedAnswerException if TotalCount or the set
     *     is missing or of another shape ({@link ApiJson#count}, {@link ApiJson#entries})
     */
    public static DescribeInvocationTasksResponse fromJson(JsonNode response, String requestId) {
        long total = ApiJson.count(response, "TotalCount");
        List<InvocationTask> items = ApiJson.entries(response, "InvocationTaskSet", total, InvocationTask::fromJson);
        return new DescribeInvocationTasksResponse(total, items, requestId);
    }
}
