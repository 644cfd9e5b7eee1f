package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;

/**
 * The answer to RunCommand.
 *
 * @param invocationId the new invocation, {@code inv-xxxxxxxx}
 * @param commandId the command TAT made of the script, {@code cmd-xxxxxxxx}; a saved one when the
 *     request had SaveCommand; {@code null} if the answer had none
 * @param requestId the RequestId of the call
 */
public record RunCommandResponse(String invocationId, String commandId, String requestId) {

    public static RunCommandResponse fromJson(JsonNode response, String requestId) {
        String commandId = ApiJson.text(response, "CommandId");
        return new RunCommandResponse(ApiJson.text(response, "InvocationId"),
                commandId == null || commandId.isEmpty() ? null : commandId, requestId);
    }
}
