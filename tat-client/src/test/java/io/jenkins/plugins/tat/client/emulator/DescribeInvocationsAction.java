package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * DescribeInvocations (docs/dev/protocol.md §4.3): invocations of the request's region, oldest first (the
 * real order is not documented), selected by InvocationIds or by the filters invocation-id,
 * command-id, command-created-by and instance-kind, paged by Limit and Offset.
 *
 * <p>Derived fields: InvocationStatus per {@link InvocationStatusRule}; StartTime is the earliest
 * task start (null before any); EndTime the latest task end once every task has finished (null
 * before); UpdatedTime the latest change of any task.
 */
final class DescribeInvocationsAction implements TatAction {

    private static final Set<String> FIELDS = Set.of("InvocationIds", "Filters", "Limit", "Offset");

    private static final DescribeQuery.Catalog<InvocationRecord> CATALOG =
            new DescribeQuery.Catalog<InvocationRecord>("InvocationIds", TatIds.INVOCATION, InvocationRecord::invocationId)
                    .filter("invocation-id", TatIds.INVOCATION, (inv, value) -> value.equals(inv.invocationId()))
                    .filter("command-id", TatIds.COMMAND, (inv, value) -> value.equals(inv.command().commandId()))
                    .filter("command-created-by", inv -> inv.command().createdBy())
                    .filter("instance-kind", inv -> inv.instanceKind().apiName());

    @Override
    public String name() {
        return "DescribeInvocations";
    }

    @Override
    public ObjectNode execute(Context context) {
        DescribeQuery<InvocationRecord> query =
                DescribeQuery.parse(new ActionParams(context.body(), FIELDS), CATALOG);
        DescribeQuery.Page<InvocationRecord> page = query.page(context.state().invocationsIn(context.region()));
        ObjectNode response = TatJson.object();
        response.put("TotalCount", page.totalCount());
        ArrayNode set = response.putArray("InvocationSet");
        for (InvocationRecord invocation : page.items()) {
            set.add(render(context.state(), invocation, context.now()));
        }
        return response;
    }

    private static ObjectNode render(EmulatorState state, InvocationRecord invocation, Instant now) {
        List<TaskState> states = state.taskStates(invocation, now);
        EmulatedCommand command = invocation.command();
        ObjectNode node = TatJson.object();
        node.put("InvocationId", invocation.invocationId());
        node.put("CommandId", command.commandId());
        node.put("CommandName", command.name());
        node.put("Description", "");
        node.put("InvocationStatus", InvocationStatusRule.aggregate(states));
        ArrayNode basics = node.putArray("InvocationTaskBasicInfoSet");
        int listed = Math.min(states.size(), state.basicInfoCap);
        int first = state.basicInfoCapKeepsLast ? states.size() - listed : 0;
        for (int i = first; i < first + listed; i++) {
            TaskRecord task = invocation.tasks().get(i);
            basics.addObject()
                    .put("InvocationTaskId", task.taskId)
                    .put("TaskStatus", states.get(i).status())
                    .put("InstanceId", task.instanceId);
        }
        boolean allFinal = states.stream().allMatch(TaskState::isFinal);
        TatJson.putTime(node, "StartTime", states.stream().map(TaskState::startTime)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null));
        TatJson.putTime(node, "EndTime", allFinal ? states.stream().map(TaskState::endTime)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null) : null);
        TatJson.putTime(node, "CreatedTime", invocation.createdAt());
        TatJson.putTime(node, "UpdatedTime", states.stream().map(TaskState::updatedTime)
                .max(Comparator.naturalOrder()).orElse(invocation.createdAt()));
        node.put("Parameters", invocation.parameters());
        node.put("DefaultParameters", invocation.defaultParameters());
        node.put("InstanceKind", invocation.instanceKind().apiName());
        node.put("Username", invocation.username());
        node.put("InvocationSource", "USER");
        node.put("CommandContent", command.contentBase64());
        node.put("CommandType", command.type());
        node.put("Timeout", invocation.timeoutSeconds());
        node.put("WorkingDirectory", invocation.workingDirectory());
        node.put("OutputCOSBucketUrl", invocation.outputCosBucketUrl());
        node.put("OutputCOSKeyPrefix", invocation.outputCosKeyPrefix());
        return node;
    }
}
