package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DescribeAutomationAgentStatus (docs/dev/protocol.md §4.7): the TAT agents of the registered instances of
 * the request's region, in registration order, selected by InstanceIds (at most 100) or by the
 * filters agent-status ({@code Online}/{@code Offline}), environment and instance-id, paged by
 * Limit and Offset. An instance the region does not have is absent from the answer, not an error,
 * as the real service answers for an instance without the agent. The emulator's agents report
 * version 1.1.5, the Linux environment (Windows for none: the emulator does not model the OS) and
 * no features; the last heartbeat of an online agent is now, of an offline one the moment it
 * went offline, or an hour ago.
 */
final class DescribeAutomationAgentStatusAction implements TatAction {

    static final String VERSION = "1.1.5";

    private static final Set<String> FIELDS = Set.of("InstanceIds", "Filters", "Limit", "Offset");

    @Override
    public String name() {
        return "DescribeAutomationAgentStatus";
    }

    @Override
    public ObjectNode execute(Context context) {
        Instant now = context.now();
        DescribeQuery.Catalog<InstanceState> catalog =
                new DescribeQuery.Catalog<InstanceState>("InstanceIds", TatIds.INSTANCE, i -> i.instance.instanceId())
                        .filter("instance-id", TatIds.INSTANCE, (i, v) -> v.equals(i.instance.instanceId()))
                        .filter("agent-status", i -> status(i, now))
                        .filter("environment", i -> "Linux");
        DescribeQuery<InstanceState> query = DescribeQuery.parse(new ActionParams(context.body(), FIELDS), catalog);
        List<InstanceState> inRegion = new ArrayList<>();
        for (InstanceState instance : context.state().instances.values()) {
            if (instance.instance.region().equals(context.region())) {
                inRegion.add(instance);
            }
        }
        DescribeQuery.Page<InstanceState> page = query.page(inRegion);
        ObjectNode response = TatJson.object();
        response.put("TotalCount", page.totalCount());
        ArrayNode set = response.putArray("AutomationAgentSet");
        for (InstanceState instance : page.items()) {
            ObjectNode agent = set.addObject();
            agent.put("InstanceId", instance.instance.instanceId());
            agent.put("Version", VERSION);
            TatJson.putTime(agent, "LastHeartbeatTime", instance.agent.isOnlineAt(now) ? now
                    : instance.agent.lastSwitchBefore(now).orElse(now.minusSeconds(3600)));
            agent.put("AgentStatus", status(instance, now));
            agent.put("Environment", "Linux");
            agent.putArray("SupportFeatures");
        }
        return response;
    }

    private static String status(InstanceState instance, Instant now) {
        return instance.agent.isOnlineAt(now) ? "Online" : "Offline";
    }
}
