package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * CancelInvocation (docs/dev/protocol.md §4.6). InvocationId is required (MissingParameter); malformed:
 * InvalidParameterValue.InvalidInvocationId; unknown in the request's region:
 * ResourceNotFound.InvocationNotFound. InstanceIds is optional, at most 100
 * (InvalidParameterValue.LimitExceeded); a malformed one is InvalidParameterValue.InvalidInstanceId
 * and one that has no task in the invocation is
 * InvalidParameterValue.InstanceIsNotRelatedToInvocation. Without InstanceIds, or with an empty
 * list, every task is cancelled (presumed, §4.6 "unverified").
 *
 * <p>Unfinished tasks become CANCELLED (not yet running) or TERMINATED (running), see
 * {@link TaskLifecycle}; finished ones are left alone and the call still succeeds.
 */
final class CancelInvocationAction implements TatAction {

    static final int MAX_INSTANCES = 100;

    private static final Set<String> FIELDS = Set.of("InvocationId", "InstanceIds");

    @Override
    public String name() {
        return "CancelInvocation";
    }

    @Override
    public ObjectNode execute(Context context) {
        ActionParams params = new ActionParams(context.body(), FIELDS);
        String invocationId = params.string("InvocationId").orElseThrow(() ->
                new TatApiError("MissingParameter", "The required parameter `InvocationId` is missing."));
        List<String> instanceIds = params.strings("InstanceIds").orElse(List.of());
        TatIds.INVOCATION.requireWellFormed("InvocationId", invocationId);
        if (instanceIds.size() > MAX_INSTANCES) {
            throw new TatApiError("InvalidParameterValue.LimitExceeded", "InstanceIds has " + instanceIds.size()
                    + " instances; at most " + MAX_INSTANCES + " are allowed.");
        }
        for (String instanceId : instanceIds) {
            TatIds.INSTANCE.requireWellFormed("InstanceIds", instanceId);
        }
        InvocationRecord invocation = context.state().invocation(invocationId)
                .filter(inv -> inv.region().equals(context.region()))
                .orElseThrow(() -> new TatApiError("ResourceNotFound.InvocationNotFound",
                        "The invocation `" + invocationId + "` does not exist in region " + context.region() + "."));
        for (String instanceId : instanceIds) {
            boolean related = invocation.tasks().stream().anyMatch(t -> t.instanceId.equals(instanceId));
            if (!related) {
                throw new TatApiError("InvalidParameterValue.InstanceIsNotRelatedToInvocation",
                        "The instance `" + instanceId + "` has no task in invocation `" + invocationId + "`.");
            }
        }
        for (TaskRecord task : invocation.tasks()) {
            if (instanceIds.isEmpty() || instanceIds.contains(task.instanceId)) {
                task.cancel(context.now());
            }
        }
        return TatJson.object();
    }
}
