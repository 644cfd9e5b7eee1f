package io.jenkins.plugins.tat.client.api;

/**
 * The answer to CancelInvocation, which carries only its RequestId.
 *
 * @param requestId the RequestId of the call
 */
public record CancelInvocationResponse(String requestId) {}
