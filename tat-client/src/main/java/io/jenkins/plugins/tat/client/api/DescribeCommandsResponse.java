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

    public static DescribeCommandsResponse fromJson(JsonNode response, String requestId) {
        Long total = ApiJson.number(response, "TotalCount");
        List<Command> items = ApiJson.list(response, "CommandSet", Command::fromJson);
        return new DescribeCommandsResponse(total == null ? items.size() : total, items, requestId);
    }
}
