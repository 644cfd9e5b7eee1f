package io.jenkins.plugins.tat.client.api;

import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import java.util.Set;

/**
 * A DescribeInvocations request (docs/dev/protocol.md §4.3): invocations by ID, or by the filters
 * {@code invocation-id}, {@code command-id}, {@code command-created-by} and {@code instance-kind}.
 */
public final class DescribeInvocationsRequest extends DescribeRequest {

    private static final Set<String> FILTERS = Set.of("invocation-id", "command-id", "command-created-by", "instance-kind");

    private DescribeInvocationsRequest(DescribeQuery query) {
        super(query);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Violation> validate() {
        return validate(TatIds::isInvocationId, "inv-xxxxxxxx", "InvalidParameterValue.InvalidInvocationId", FILTERS);
    }

    /** Builds a {@link DescribeInvocationsRequest}. */
    public static final class Builder extends DescribeRequest.Builder<Builder, DescribeInvocationsRequest> {
        private Builder() {
            super("InvocationIds", DescribeInvocationsRequest::new);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param invocationIds up to 100 invocation IDs
         * @return this builder
         */
        public Builder invocationIds(List<String> invocationIds) {
            return ids(invocationIds);
        }
    }
}
