package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DescribeAutomationAgentStatus (docs/dev/protocol.md §4.7), sent by the SDK: each agent Online or Offline
 * as it is now, unknown instances and those of other regions absent.
 */
class DescribeAutomationAgentStatusTest extends EmulatorTestSupport {

    @BeforeEach
    void registerFixtures() {
        emu.instance(EmulatedInstance.cvm("ins-offline1").agentOnline(false));
        emu.instance(EmulatedInstance.cvm("ins-shanghai").region("ap-shanghai"));
    }

    private static List<String> statuses(JsonNode response) {
        List<String> lines = new ArrayList<>();
        response.get("AutomationAgentSet").forEach(a -> lines.add(a.get("InstanceId").asText() + " " + a.get("AgentStatus").asText()));
        return lines;
    }

    @Test
    void reportsEachAgentAndLeavesUnknownInstancesOut() throws Exception {
        JsonNode response = call("DescribeAutomationAgentStatus", json(
                "{'InstanceIds':['ins-aaaa0001','ins-offline1','ins-zzzz9999','ins-shanghai']}"));

        assertThat(statuses(response)).containsExactly("ins-aaaa0001 Online", "ins-offline1 Offline");
        assertThat(response.get("TotalCount").asLong()).isEqualTo(2);
        JsonNode agent = response.get("AutomationAgentSet").get(0);
        assertThat(agent.get("Version").asText()).isNotEmpty();
        assertThat(agent.get("Environment").asText()).isEqualTo("Linux");
        assertThat(agent.get("LastHeartbeatTime").asText()).isNotEmpty();
    }

    @Test
    void followsTheAgentSwitchingOffAndOn() throws Exception {
        String body = json("{'InstanceIds':['ins-aaaa0001']}");
        emu.setAgentOnline(INSTANCE_1, false);
        assertThat(statuses(call("DescribeAutomationAgentStatus", body))).containsExactly("ins-aaaa0001 Offline");

        emu.setAgentOnline(INSTANCE_1, true);
        assertThat(statuses(call("DescribeAutomationAgentStatus", body))).containsExactly("ins-aaaa0001 Online");
    }

    @Test
    void filtersByAgentStatus() throws Exception {
        JsonNode response = call("DescribeAutomationAgentStatus", json(
                "{'Filters':[{'Name':'agent-status','Values':['Offline']}]}"));

        assertThat(statuses(response)).containsExactly("ins-offline1 Offline");
    }

    @Test
    void refusesMoreThan100IdsAndIdsWithFilters() {
        String many = IntStream.range(0, 101).mapToObj(i -> String.format("\"ins-%08d\"", i))
                .collect(Collectors.joining(",", "{\"InstanceIds\":[", "]}"));

        assertThat(errorCode("DescribeAutomationAgentStatus", many)).isEqualTo("InvalidParameterValue");
        assertThat(errorCode("DescribeAutomationAgentStatus", json(
                "{'InstanceIds':['ins-aaaa0001'],'Filters':[{'Name':'instance-id','Values':['ins-aaaa0001']}]}")))
                .isEqualTo("InvalidParameter.ConflictParameter");
        assertThat(errorCode("DescribeAutomationAgentStatus", json("{'InstanceIds':['i-1']}")))
                .isEqualTo("InvalidParameterValue.InvalidInstanceId");
    }
}
