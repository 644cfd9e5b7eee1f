package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which instances a step runs on, when they are not given by ID. Immutable values, validated
 * locally ({@link #validate()}) before anything is listed; resolved by {@link TargetResolver}.
 */
public sealed interface TargetSelector extends Serializable
        permits CvmInstancesByTags, LighthouseInstancesByTags, ManagedInstancesByTags, ScalingGroupInstances {

    /** @return the kind of instance it selects */
    InstanceKind kind();

    /** @return the rules it breaks, none if it may be resolved */
    List<Violation> validate();

    /** @return what it selects, in words for a log, e.g. {@code CVM instances tagged app=web, env=prod} */
    String describe();

    /**
     * @throws InvalidRequestException if {@link #validate()} finds anything
     */
    default void requireValid() {
        List<Violation> violations = validate();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Target selector", violations);
        }
    }

    /** Checks tag terms: at least one, no key twice, each by the product's rules, no more than the filters left. */
    static List<Violation> checkTags(List<TagTerm> tags, int maxValues, int otherFilters) {
        List<Violation> violations = new ArrayList<>();
        if (tags.isEmpty()) {
            violations.add(new Violation("tags", "at least one tag is required, e.g. app=web", "MissingParameter"));
        }
        int allowed = io.jenkins.plugins.tat.client.targets.ListingRequest.MAX_FILTERS - otherFilters;
        if (tags.size() > allowed) {
            violations.add(new Violation("tags", "has " + tags.size() + " keys; at most " + allowed + " fit one listing",
                    "InvalidParameterValue.LimitExceeded"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            TagTerm term = tags.get(i);
            if (!keys.add(term.key())) {
                violations.add(new Violation("tags[" + i + "].key", "tag key `" + term.key() + "` is given twice; list"
                        + " its values in one term (key=a,b)", "InvalidParameterValue"));
            }
            violations.addAll(term.validate("tags[" + i + "]", maxValues));
        }
        return violations;
    }

    /** @return the terms joined for {@link #describe()} */
    static String joined(List<TagTerm> tags) {
        return String.join(", ", tags.stream().map(TagTerm::toString).toList());
    }
}
