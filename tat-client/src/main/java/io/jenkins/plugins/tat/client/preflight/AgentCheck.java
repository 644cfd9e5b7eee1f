package io.jenkins.plugins.tat.client.preflight;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.api.AutomationAgent;
import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusRequest;
import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks DescribeAutomationAgentStatus whether the TAT agent of each instance is online, 100
 * instances a call (the API's most IDs per request, docs/dev/protocol.md §4.7). TAT refuses to invoke on an
 * instance whose agent is offline or missing ({@code ResourceUnavailable.AgentStatusNotOnline},
 * {@code ResourceNotFound.InstanceNotFound}), and names one instance at a time; this names them all.
 */
public final class AgentCheck {

    /** Most instance IDs one DescribeAutomationAgentStatus takes. */
    public static final int IDS_PER_CALL = 100;

    private AgentCheck() {}

    /**
     * What the agents of the instances are doing.
     *
     * @param online instances whose agent is online, in the order given
     * @param offline instances whose agent is offline, in the order given
     * @param missing instances TAT reported no agent for: unknown in the region, or without the agent
     * @param requestIds the RequestIds of the calls made
     */
    public record Result(List<String> online, List<String> offline, List<String> missing, List<String> requestIds) {

        /**
         * @param online the online ones
         * @param offline the offline ones
         * @param missing the missing ones
         * @param requestIds the RequestIds
         */
        public Result {
            online = List.copyOf(online);
            offline = List.copyOf(offline);
            missing = List.copyOf(missing);
            requestIds = List.copyOf(requestIds);
        }

        /** @return whether every agent is online */
        public boolean allOnline() {
            return offline.isEmpty() && missing.isEmpty();
        }

        /** @return the instances that cannot take a command now: the offline, then the missing ones */
        public List<String> notOnline() {
            List<String> all = new ArrayList<>(offline);
            all.addAll(missing);
            return all;
        }
    }

    /**
     * @param instances the number of instances
     * @return how many DescribeAutomationAgentStatus calls checking them takes
     */
    public static int calls(int instances) {
        return (instances + IDS_PER_CALL - 1) / IDS_PER_CALL;
    }

    /**
     * Checks the agents, {@value #IDS_PER_CALL} instances a call.
     *
     * @param client the client, for the instances' region
     * @param instanceIds valid instance IDs, each once
     * @return the agents' states
     * @throws TatException if a call fails
     * @throws InterruptedException if interrupted
     */
    public static Result check(TatClient client, List<String> instanceIds) throws InterruptedException {
        Map<String, AutomationAgent> agents = new HashMap<>();
        List<String> requestIds = new ArrayList<>();
        for (int from = 0; from < instanceIds.size(); from += IDS_PER_CALL) {
            List<String> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + IDS_PER_CALL));
            DescribeAutomationAgentStatusResponse page = client.describeAutomationAgentStatus(
                    DescribeAutomationAgentStatusRequest.builder().instanceIds(chunk).limit(IDS_PER_CALL).build());
            requestIds.add(page.requestId());
            page.agents().forEach(a -> agents.put(a.instanceId(), a));
        }
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : instanceIds) {
            AutomationAgent agent = agents.get(id);
            if (agent == null) {
                missing.add(id);
            } else if (agent.isOnline()) {
                online.add(id);
            } else {
                offline.add(id);
            }
        }
        return new Result(online, offline, missing, requestIds);
    }
}
