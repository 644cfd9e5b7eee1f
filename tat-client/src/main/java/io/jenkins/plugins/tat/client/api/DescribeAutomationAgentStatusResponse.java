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

    public static DescribeAutomationAgentStatusResponse fromJson(JsonNode response, String requestId) {
        Long total = ApiJson.number(response, "TotalCount");
        List<AutomationAgent> items = ApiJson.list(response, "AutomationAgentSet", AutomationAgent::fromJson);
        return new DescribeAutomationAgentStatusResponse(total == null ? items.size() : total, items, requestId);
    }
}
