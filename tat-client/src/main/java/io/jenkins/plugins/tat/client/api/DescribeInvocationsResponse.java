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

    /**
     * @param response the answer's {@code Response}
     * @param requestId its RequestId
     * @return the page
     * @throws io.jenkins.plugins.tat.client.http.MalformedAnswerException if TotalCount or the set
     *     is missing or of another shape ({@link ApiJson#count}, {@link ApiJson#entries})
     */
    public static DescribeInvocationsResponse fromJson(JsonNode response, String requestId) {
        long total = ApiJson.count(response, "TotalCount");
        List<Invocation> items = ApiJson.entries(response, "InvocationSet", total, Invocation::fromJson);
        return new DescribeInvocationsResponse(total, items, requestId);
    }
}
