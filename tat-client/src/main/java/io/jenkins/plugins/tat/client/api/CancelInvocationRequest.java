package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CancelInvocation request (docs/dev/protocol.md §4.6): tasks not yet delivered become CANCELLED,
 * running ones TERMINATED.
 *
 * <p>Without instance IDs the whole invocation is meant. What the API does when
 * {@code InstanceIds} is left out is not documented (presumably all tasks); to be sure of the
 * effect, {@link #of(String, List)} names the instances.
 */
public final class CancelInvocationRequest {

    /** Most instances one CancelInvocation may name (docs/dev/protocol.md §4.6). */
    public static final int MAX_INSTANCES = 100;

    private final String invocationId;
    private final List<String> instanceIds;

    private CancelInvocationRequest(String invocationId, List<String> instanceIds) {
        this.invocationId = invocationId;
        this.instanceIds = instanceIds == null ? new ArrayList<>() : new ArrayList<>(instanceIds);
    }

    /**
     * @param invocationId the invocation, {@code inv-xxxxxxxx}
     * @return a request to cancel all of its unfinished tasks
     */
    public static CancelInvocationRequest of(String invocationId) {
        return new CancelInvocationRequest(invocationId, List.of());
    }

    /**
     * @param invocationId the invocation, {@code inv-xxxxxxxx}
     * @param instanceIds up to 100 of its instances
     * @return a request to cancel the tasks on those instances
     */
    public static CancelInvocationRequest of(String invocationId, List<String> instanceIds) {
        return new CancelInvocationRequest(invocationId, instanceIds);
    }

    /** @return the invocation ID */
    public String invocationId() {
        return invocationId;
    }

    /** @return the instances named; empty for the whole invocation */
    public List<String> instanceIds() {
        return Collections.unmodifiableList(instanceIds);
    }

    /** @return every broken rule; empty when the request may be sent */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        TatIds.checkInvocationId("InvocationId", invocationId).ifPresent(violations::add);
        if (instanceIds.size() > MAX_INSTANCES) {
            violations.add(new Violation("InstanceIds", "has " + instanceIds.size() + " instances; at most "
                    + MAX_INSTANCES + " per request", "InvalidParameterValue.LimitExceeded"));
        }
        for (int i = 0; i < instanceIds.size(); i++) {
            if (!TatIds.isInstanceId(instanceIds.get(i))) {
                violations.add(new Violation("InstanceIds[" + i + "]", "'" + Texts.shorten(instanceIds.get(i))
                        + "' is not a TAT instance ID", "InvalidParameterValue.InvalidInstanceId"));
            }
        }
        return violations;
    }

    public ObjectNode toJson() {
        ObjectNode body = ApiJson.object();
        body.put("InvocationId", invocationId);
        if (!instanceIds.isEmpty()) {
            ArrayNode ids = body.putArray("InstanceIds");
            instanceIds.forEach(ids::add);
        }
        return body;
    }

    @Override
    public String toString() {
        return "CancelInvocationRequest[InvocationId=" + Texts.shorten(invocationId)
                + (instanceIds.isEmpty() ? "" : ", InstanceIds=" + instanceIds.stream().map(Texts::shorten).toList()) + "]";
    }
}
