package io.jenkins.plugins.tat.client.api;

import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import java.util.Set;

/**
 * A DescribeAutomationAgentStatus request (docs/dev/protocol.md §4.7): the TAT agents of instances by ID (at
 * most 100), or by the filters {@code agent-status} ({@code Online}/{@code Offline}),
 * {@code environment} ({@code Linux}/{@code Windows}) and {@code instance-id}.
 */
public final class DescribeAutomationAgentStatusRequest extends DescribeRequest {

    private static final Set<String> FILTERS = Set.of("agent-status", "environment", "instance-id");

    private DescribeAutomationAgentStatusRequest(DescribeQuery query) {
        super(query);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Violation> validate() {
        return validate(TatIds::isInstanceId, "ins-xxxxxxxx", "InvalidParameterValue.InvalidInstanceId", FILTERS);
    }

    /** Builds a {@link DescribeAutomationAgentStatusRequest}. */
    public static final class Builder extends DescribeRequest.Builder<Builder, DescribeAutomationAgentStatusRequest> {
        private Builder() {
            super("InstanceIds", DescribeAutomationAgentStatusRequest::new);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param instanceIds up to 100 instance IDs
         * @return this builder
         */
        public Builder instanceIds(List<String> instanceIds) {
            return ids(instanceIds);
        }
    }
}
