package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.util.List;

/**
 * One page of DescribeCommands.
 *
 * @param totalCount how many commands match in all pages
 * @param commands this page
 * @param requestId the RequestId of the call
 */
public record DescribeCommandsResponse(long totalCount, List<Command> commands, String requestId) {

    /**
     * @param totalCount the total
     * @param commands the page
     * @param requestId the RequestId
     */
    public DescribeCommandsResponse {
        commands = List.copyOf(commands);
    }

    /**
     * @param response the answer's {@code Response}
     * @param requestId its RequestId
     * @return the page
     * @throws io.jenkins.plugins.tat.client.http.MalformedAnswerException if TotalCount or the set
     *     is missing or of another shape ({@link ApiJson#count}, {@link ApiJson#entries})
     */
    public static DescribeCommandsResponse fromJson(JsonNode response, String requestId) {
        long total = ApiJson.count(response, "TotalCount");
        List<Command> items = ApiJson.entries(response, "CommandSet", total, Command::fromJson);
        return new DescribeCommandsResponse(total, items, requestId);
    }
}
