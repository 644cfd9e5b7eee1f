package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.util.List;

/**
 * One page of DescribeInvocations.
 *
 * @param totalCount how many invocations match in all pages
 * @param invocations this page
 * @param requestId the RequestId of the call
 */
public record DescribeInvocationsResponse(long totalCount, List<Invocation> invocations, String requestId) {

    /**
     * @param totalCount the total
     * @param invocations the page
     * @param requestId the RequestId
     */
    public DescribeInvocationsResponse {
        invocations = List.copyOf(invocations);
    }

    public static DescribeInvocationsResponse fromJson(JsonNode response, String requestId) {
        Long total = ApiJson.number(response, "TotalCount");
        List<Invocation> items = ApiJson.list(response, "InvocationSet", Invocation::fromJson);
        return new DescribeInvocationsResponse(total == null ? items.size() : total, items, requestId);
    }
}
