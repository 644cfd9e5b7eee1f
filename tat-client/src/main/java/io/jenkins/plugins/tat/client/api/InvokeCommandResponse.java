package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;

/**
 * The answer to InvokeCommand.
 *
 * @param invocationId the new invocation, {@code inv-xxxxxxxx}
 * @param requestId the RequestId of the call
 */
public record InvokeCommandResponse(String invocationId, String requestId) {

    public static InvokeCommandResponse fromJson(JsonNode response, String requestId) {
        return new InvokeCommandResponse(ApiJson.text(response, "InvocationId"), requestId);
    }
}
