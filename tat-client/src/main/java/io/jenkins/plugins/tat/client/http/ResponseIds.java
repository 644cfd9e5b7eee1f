package io.jenkins.plugins.tat.client.http;

import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusResponse;
import io.jenkins.plugins.tat.client.api.DescribeCommandsResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsResponse;
import io.jenkins.plugins.tat.client.api.Invocation;
import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.rules.TatIds;
import java.util.regex.Pattern;

/**
 * Whether the IDs in a Describe answer have their documented forms. They end up in build logs,
 * build page URLs, environment variables and later requests, so an answer with a malformed one
 * (a broken or hostile server, or a proxy rewriting the body) is not used at all.
 *
 * <p>Invocation, task and command IDs must match {@link TatIds} exactly. Instance IDs only have to
 * look like an ID ({@code kind-} then letters and digits): their kinds grow with new products, and
 * what matters here is that they are safe to show and to send back.
 */
public final class ResponseIds {

    private static final Pattern ANY_INSTANCE = Pattern.compile("[a-z]{1,12}-[a-z0-9]{4,64}");

    private ResponseIds() {}

    public static boolean wellFormed(Object page) {
        if (page instanceof DescribeInvocationsResponse r) {
            return r.invocations().stream().allMatch(ResponseIds::wellFormed);
        }
        if (page instanceof DescribeInvocationTasksResponse r) {
            return r.tasks().stream().allMatch(ResponseIds::wellFormed);
        }
        if (page instanceof DescribeAutomationAgentStatusResponse r) {
            return r.agents().stream().allMatch(a -> instanceId(a.instanceId()));
        }
        if (page instanceof DescribeCommandsResponse r) {
            return r.commands().stream().allMatch(c -> TatIds.isCommandId(c.commandId()));
        }
        return true;
    }

    private static boolean wellFormed(Invocation i) {
        return TatIds.isInvocationId(i.invocationId()) && optionalCommandId(i.commandId())
                && i.tasks().stream().allMatch(t -> TatIds.isInvocationTaskId(t.invocationTaskId())
                        && instanceId(t.instanceId()));
    }

    private static boolean wellFormed(InvocationTask t) {
        return TatIds.isInvocationTaskId(t.invocationTaskId()) && TatIds.isInvocationId(t.invocationId())
                && instanceId(t.instanceId()) && optionalCommandId(t.commandId());
    }

    private static boolean optionalCommandId(String id) {
        return id == null || id.isEmpty() || TatIds.isCommandId(id);
    }

    private static boolean instanceId(String id) {
        return id != null && ANY_INSTANCE.matcher(id).matches();
    }
}
