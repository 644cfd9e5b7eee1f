package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import java.util.Set;

/**
 * A DescribeInvocationTasks request (docs/dev/protocol.md §4.4): tasks by ID, or by the filters
 * {@code invocation-task-id}, {@code invocation-id}, {@code instance-id} and {@code command-id}.
 *
 * <p>It always sends {@code "HideOutput": false}: the API hides each task's output unless asked,
 * and the output is what this client reads tasks for.
 */
public final class DescribeInvocationTasksRequest extends DescribeRequest {

    private static final Set<String> FILTERS = Set.of("invocation-task-id", "invocation-id", "instance-id", "command-id");

    private DescribeInvocationTasksRequest(DescribeQuery query) {
        super(query);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Violation> validate() {
        return validate(TatIds::isInvocationTaskId, "invt-xxxxxxxx", "InvalidParameterValue.InvalidInvocationTaskId", FILTERS);
    }

    @Override
    public ObjectNode toJson() {
        return super.toJson().put("HideOutput", false);
    }

    /** Builds a {@link DescribeInvocationTasksRequest}. */
    public static final class Builder extends DescribeRequest.Builder<Builder, DescribeInvocationTasksRequest> {
        private Builder() {
            super("InvocationTaskIds", DescribeInvocationTasksRequest::new);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param invocationTaskIds up to 100 task IDs
         * @return this builder
         */
        public Builder invocationTaskIds(List<String> invocationTaskIds) {
            return ids(invocationTaskIds);
        }
    }
}
