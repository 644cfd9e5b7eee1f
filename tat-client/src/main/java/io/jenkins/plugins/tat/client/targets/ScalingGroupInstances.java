package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The in-service instances of one or more Auto Scaling groups. They are CVM instances; the
 * resolver looks each up in CVM for its name, private IP and state.
 *
 * @param groupIds the groups, {@code asg-xxxxxxxx}, 1 to {@value #MAX_GROUPS}
 */
public record ScalingGroupInstances(List<String> groupIds) implements TargetSelector {

    private static final long serialVersionUID = 1L;
    /** The most groups one selector takes (listed 5 to a request). */
    public static final int MAX_GROUPS = 20;
    private static final Pattern GROUP_ID = Pattern.compile("asg-[a-z0-9]{8}");

    /** Copies the IDs. */
    public ScalingGroupInstances {
        groupIds = List.copyOf(groupIds);
    }

    /**
     * @param groupIds the groups
     * @return the selector
     */
    public static ScalingGroupInstances of(String... groupIds) {
        return new ScalingGroupInstances(List.of(groupIds));
    }

    @Override
    public InstanceKind kind() {
        return InstanceKind.CVM;
    }

    @Override
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (groupIds.isEmpty() || groupIds.size() > MAX_GROUPS) {
            violations.add(new Violation("groupIds", "1 to " + MAX_GROUPS + " scaling groups are required, not "
                    + groupIds.size(), groupIds.isEmpty() ? "MissingParameter" : "InvalidParameterValue.LimitExceeded"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < groupIds.size(); i++) {
            String id = groupIds.get(i);
            if (!GROUP_ID.matcher(id).matches()) {
                violations.add(new Violation("groupIds[" + i + "]", "`" + io.jenkins.plugins.tat.client.text.Texts.shorten(id)
                        + "` is not a scaling group ID (asg-xxxxxxxx)", "InvalidParameterValue.InvalidAutoScalingGroupId"));
            } else if (!seen.add(id)) {
                violations.add(new Violation("groupIds[" + i + "]", id + " is given twice", "InvalidParameterValue"));
            }
        }
        return violations;
    }

    @Override
    public String describe() {
        return "in-service instances of scaling group" + (groupIds.size() == 1 ? " " : "s ") + String.join(", ", groupIds);
    }
}
