package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * DescribeInvocationTasks (docs/dev/protocol.md §4.4): tasks of the request's region in creation order
 * (invocations oldest first, then the order of their InstanceIds), selected by InvocationTaskIds
 * or by the filters invocation-task-id, invocation-id, instance-id and command-id, paged by Limit
 * and Offset.
 *
 * <p>{@code HideOutput} defaults to true; hidden output is returned as {@code ""} (whether the
 * real service sends {@code ""} or omits the field is unverified, §8).
 */
final class DescribeInvocationTasksAction implements TatAction {

    private static final Set<String> FIELDS = Set.of("InvocationTaskIds", "Filters", "Limit", "Offset", "HideOutput");

    /** A task together with the invocation it belongs to. */
    private record TaskRef(InvocationRecord invocation, TaskRecord task) {}

    private static final DescribeQuery.Catalog<TaskRef> CATALOG =
            new DescribeQuery.Catalog<TaskRef>("InvocationTaskIds", TatIds.INVOCATION_TASK, ref -> ref.task().taskId)
                    .filter("invocation-task-id", TatIds.INVOCATION_TASK, (ref, v) -> v.equals(ref.task().taskId))
                    .filter("invocation-id", TatIds.INVOCATION, (ref, v) -> v.equals(ref.invocation().invocationId()))
                    .filter("instance-id", TatIds.INSTANCE, (ref, v) -> v.equals(ref.task().instanceId))
                    .filter("command-id", TatIds.COMMAND, (ref, v) -> v.equals(ref.invocation().command().commandId()));

    @Override
    public String name() {
        return "DescribeInvocationTasks";
    }

    @Override
    public ObjectNode execute(Context context) {
        ActionParams params = new ActionParams(context.body(), FIELDS);
        DescribeQuery<TaskRef> query = DescribeQuery.parse(params, CATALOG);
        boolean hideOutput = params.bool("HideOutput").orElse(true);

        List<TaskRef> all = new ArrayList<>();
        for (InvocationRecord invocation : context.state().invocationsIn(context.region())) {
            for (TaskRecord task : invocation.tasks()) {
                all.add(new TaskRef(invocation, task));
            }
        }
        DescribeQuery.Page<TaskRef> page = query.page(all);
        ObjectNode response = TatJson.object();
        response.put("TotalCount", page.totalCount());
        ArrayNode set = response.putArray("InvocationTaskSet");
        for (TaskRef ref : page.items()) {
            TaskState state = context.state().taskState(ref.invocation(), ref.task(), context.now());
            set.add(render(ref, state, hideOutput));
        }
        return response;
    }

    private static ObjectNode render(TaskRef ref, TaskState state, boolean hideOutput) {
        InvocationRecord invocation = ref.invocation();
        EmulatedCommand command = invocation.command();
        ObjectNode node = TatJson.object();
        node.put("InvocationId", invocation.invocationId());
        node.put("InvocationTaskId", ref.task().taskId);
        node.put("CommandId", command.commandId());
        node.put("CommandName", command.name());
        node.put("InstanceId", ref.task().instanceId);
        node.put("TaskStatus", state.status());

        ObjectNode result = node.putObject("TaskResult");
        result.put("ExitCode", state.exitCode());
        result.put("Output", hideOutput ? "" : Base64.getEncoder().encodeToString(state.output()));
        TatJson.putTime(result, "ExecStartTime", state.execStartTime());
        TatJson.putTime(result, "ExecEndTime", state.execEndTime());
        result.put("Dropped", state.dropped());
        result.put("OutputUrl", state.outputUrl());
        result.put("OutputUploadCOSErrorInfo", "");

        node.put("ErrorInfo", state.errorInfo());
        TatJson.putTime(node, "StartTime", state.startTime());
        TatJson.putTime(node, "EndTime", state.endTime());
        TatJson.putTime(node, "CreatedTime", ref.task().createdAt);
        TatJson.putTime(node, "UpdatedTime", state.updatedTime());

        ObjectNode document = node.putObject("CommandDocument");
        document.put("Content", command.contentBase64());
        document.put("CommandType", command.type());
        document.put("Timeout", invocation.timeoutSeconds());
        document.put("WorkingDirectory", invocation.workingDirectory());
        document.put("Username", invocation.username());
        document.put("OutputCOSBucketUrl", invocation.outputCosBucketUrl());
        document.put("OutputCOSKeyPrefix", invocation.outputCosKeyPrefix());
        node.put("InvocationSource", "USER");
        return node;
    }
}
