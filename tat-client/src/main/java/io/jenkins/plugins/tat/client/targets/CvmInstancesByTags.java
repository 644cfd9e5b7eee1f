package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CVM instances by tags (keys ANDed, the values of one key ORed, a key alone meaning "has the
 * key"), optionally in one availability zone and/or with one name.
 *
 * @param tags the tag terms, at least one; at most 5 values per key (CVM's limit per filter)
 * @param zone the availability zone, e.g. {@code ap-guangzhou-3}, or {@code null} for any
 * @param name the exact instance name, or {@code null} for any
 */
public record CvmInstancesByTags(List<TagTerm> tags, String zone, String name) implements TargetSelector {

    private static final long serialVersionUID = 1L;
    private static final Pattern ZONE = Pattern.compile("[a-z]{2,4}-[a-z]+-[0-9]{1,2}");
    /** The longest CVM instance name. */
    public static final int MAX_NAME_LENGTH = 128;

    /** Copies the tags; a blank zone or name means none. */
    public CvmInstancesByTags {
        tags = List.copyOf(tags);
        zone = zone == null || zone.isBlank() ? null : zone.strip();
        name = name == null || name.isBlank() ? null : name;
    }

    /**
     * @param tags the tag terms
     * @return CVM instances with those tags, in any zone, of any name
     */
    public static CvmInstancesByTags of(TagTerm... tags) {
        return new CvmInstancesByTags(List.of(tags), null, null);
    }

    @Override
    public InstanceKind kind() {
        return InstanceKind.CVM;
    }

    @Override
    public List<Violation> validate() {
        int others = (zone != null ? 1 : 0) + (name != null ? 1 : 0);
        List<Violation> violations = new ArrayList<>(TargetSelector.checkTags(tags, CvmClient.MAX_FILTER_VALUES, others));
        if (zone != null && !ZONE.matcher(zone).matches()) {
            violations.add(new Violation("zone", "`" + io.jenkins.plugins.tat.client.text.Texts.shorten(zone)
                    + "` is not an availability zone such as ap-guangzhou-3", "InvalidZone.MismatchRegion"));
        }
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("name", "is longer than " + MAX_NAME_LENGTH + " characters",
                    "InvalidParameterValue"));
        }
        return violations;
    }

    @Override
    public String describe() {
        return "CVM instances tagged " + TargetSelector.joined(tags) + (zone != null ? " in zone " + zone : "")
                + (name != null ? " named " + io.jenkins.plugins.tat.client.text.Texts.shorten(name) : "");
    }
}
