package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;

/**
 * TAT managed instances by tags: keys ANDed, the values of one key ORed, a key alone meaning "has the key".
 *
 * @param tags the tag terms, at least one; at most 5 values per key (DescribeRegisterInstances' limit per filter)
 */
public record ManagedInstancesByTags(List<TagTerm> tags) implements TargetSelector {

    private static final long serialVersionUID = 1L;

    /** Copies the tags. */
    public ManagedInstancesByTags {
        tags = List.copyOf(tags);
    }

    /**
     * @param tags the tag terms
     * @return the selector
     */
    public static ManagedInstancesByTags of(TagTerm... tags) {
        return new ManagedInstancesByTags(List.of(tags));
    }

    @Override
    public InstanceKind kind() {
        return InstanceKind.MANAGED;
    }

    @Override
    public List<Violation> validate() {
        return TargetSelector.checkTags(tags, ManagedInstanceClient.MAX_FILTER_VALUES, 0);
    }

    @Override
    public String describe() {
        return "TAT managed instances tagged " + TargetSelector.joined(tags);
    }
}
