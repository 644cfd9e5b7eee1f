package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.time.Instant;
import java.util.List;

/**
 * The TAT agent of one instance, as DescribeAutomationAgentStatus reports it (docs/dev/protocol.md §4.7).
 *
 * @param instanceId the instance
 * @param version the agent's version, or {@code null}
 * @param lastHeartbeatTime when the agent last reported in, or {@code null}
 * @param agentStatus {@code Online} or {@code Offline}
 * @param environment {@code Linux} or {@code Windows}, or {@code null}
 * @param supportFeatures what the agent supports
 */
public record AutomationAgent(String instanceId, String version, Instant lastHeartbeatTime, String agentStatus,
        String environment, List<String> supportFeatures) {

    /** The AgentStatus of an agent that can take commands. */
    public static final String ONLINE = "Online";

    /**
     * @param instanceId the instance
     * @param version the version
     * @param lastHeartbeatTime the last heartbeat
     * @param agentStatus the status
     * @param environment the environment
     * @param supportFeatures the features
     */
    public AutomationAgent {
        supportFeatures = supportFeatures == null ? List.of() : List.copyOf(supportFeatures);
    }

    /** @return whether the agent is online, so that TAT can deliver a command to it */
    public boolean isOnline() {
        return ONLINE.equals(agentStatus);
    }

    static AutomationAgent fromJson(JsonNode node) {
        return new AutomationAgent(ApiJson.text(node, "InstanceId"), ApiJson.shortText(node, "Version"),
                ApiJson.time(node, "LastHeartbeatTime"), ApiJson.shortText(node, "AgentStatus"),
                ApiJson.shortText(node, "Environment"), ApiJson.strings(node, "SupportFeatures"));
    }
}
