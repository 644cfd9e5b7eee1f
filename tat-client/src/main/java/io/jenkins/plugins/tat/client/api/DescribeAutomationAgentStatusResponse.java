package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.util.List;

/**
 * One page of DescribeAutomationAgentStatus. Instances TAT does not know (or that are in another
 * region) are absent from it.
 *
 * @param totalCount how many agents match in all pages
 * @param agents this page
 * @param requestId the RequestId of the call
 */
public record DescribeAutomationAgentStatusResponse(long totalCount, List<AutomationAgent> agents, String requestId) {

    /**
     * @param totalCount the total
     * @param agents the page
     * @param requestId the RequestId
     */
    public DescribeAutomationAgentStatusResponse {
        agents = List.copyOf(agents);
    }

    /**
     * @param response the answer's {@code Response}
     * @param requestId its RequestId
     * @return the page
     * @throws io.jenkins.plugins.tat.client.http.MalformedAnswerException if TotalCount or the set
     *     is missing or of another shape ({@link ApiJson#count}, {@link ApiJson#entries})
     */
    public static DescribeAutomationAgentStatusResponse fromJson(JsonNode response, String requestId) {
        long total = ApiJson.count(response, "TotalCount");
        List<AutomationAgent> items = ApiJson.entries(response, "AutomationAgentSet", total, AutomationAgent::fromJson);
        return new DescribeAutomationAgentStatusResponse(total, items, requestId);
    }
}
