package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;

/**
 * Lighthouse instances by tags: keys ANDed, the values of one key ORed, a key alone meaning "has the key".
 *
 * @param tags the tag terms, at least one; at most 100 values per key (Lighthouse's limit per filter)
 */
public record LighthouseInstancesByTags(List<TagTerm> tags) implements TargetSelector {

    private static final long serialVersionUID = 1L;

    /** Copies the tags. */
    public LighthouseInstancesByTags {
        tags = List.copyOf(tags);
    }

    /**
     * @param tags the tag terms
     * @return the selector
     */
    public static LighthouseInstancesByTags of(TagTerm... tags) {
        return new LighthouseInstancesByTags(List.of(tags));
    }

    @Override
    public InstanceKind kind() {
        return InstanceKind.LIGHTHOUSE;
    }

    @Override
    public List<Violation> validate() {
        return TargetSelector.checkTags(tags, LighthouseClient.MAX_FILTER_VALUES, 0);
    }

    @Override
    public String describe() {
        return "Lighthouse instances tagged " + TargetSelector.joined(tags);
    }
}
