package io.jenkins.plugins.tat.client.api;

import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A DescribeCommands request (docs/dev/protocol.md §4.5): saved commands by ID, or by the filters
 * {@code command-id}, {@code command-name}, {@code command-type}, {@code scene-id},
 * {@code created-by}, {@code tag-key} and {@code tag-value}.
 */
public final class DescribeCommandsRequest extends DescribeRequest {

    private static final Set<String> FILTERS =
            Set.of("command-id", "command-name", "command-type", "scene-id", "created-by", "tag-key", "tag-value");

    private DescribeCommandsRequest(DescribeQuery query) {
        super(query);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Violation> validate() {
        // tag:<key> filters are allowed besides the fixed names (docs/dev/protocol.md §4.5).
        Set<String> names = new HashSet<>(FILTERS);
        filters().stream().map(Filter::name).filter(n -> n.startsWith("tag:") && n.length() > 4).forEach(names::add);
        return validate(TatIds::isCommandId, "cmd-xxxxxxxx", "InvalidParameterValue.InvalidCommandId", names);
    }

    /** Builds a {@link DescribeCommandsRequest}. */
    public static final class Builder extends DescribeRequest.Builder<Builder, DescribeCommandsRequest> {
        private Builder() {
            super("CommandIds", DescribeCommandsRequest::new);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param commandIds up to 100 command IDs
         * @return this builder
         */
        public Builder commandIds(List<String> commandIds) {
            return ids(commandIds);
        }
    }
}
