package io.jenkins.plugins.tat.client.fleet;

import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The InvocationIds of a fleet as one text: comma-separated, the way the Jenkins steps return
 * them and {@code TAT_INVOCATION_IDS} holds them, so that a value can be passed on unchanged.
 */
public final class InvocationIdList {

    private InvocationIdList() {}

    /**
     * @param ids the InvocationIds, in order
     * @return them comma-separated, e.g. {@code inv-aaaa1111,inv-bbbb2222}; one ID as it is
     */
    public static String join(List<String> ids) {
        return String.join(",", ids);
    }

    /**
     * What the list of a build's latest step becomes when one more invocation is added to it, the
     * invocations in the order they were sent: a later batch of the fleet whose first batch starts
     * the list so far is appended to it; anything else (a first batch, an invocation sent alone,
     * a batch of another fleet) starts a new list.
     *
     * @param sofar the list so far, or {@code null} when there is none
     * @param invocationId the invocation added
     * @param batchIndex its batch's position in its fleet, from 0; 0 for an invocation sent alone
     * @param firstOfFleet the InvocationId of its fleet's first batch, or {@code null} when sent alone
     * @return the new list
     */
    public static String append(String sofar, String invocationId, int batchIndex, String firstOfFleet) {
        boolean laterBatch = batchIndex > 0 && firstOfFleet != null && sofar != null
                && (sofar.equals(firstOfFleet) || sofar.startsWith(firstOfFleet + ","));
        return laterBatch ? sofar + "," + invocationId : invocationId;
    }

    /**
     * @param text one InvocationId, or several separated by commas (spaces around them ignored)
     * @return the IDs in order, empty parts left out; not yet checked ({@link #check})
     */
    public static List<String> parse(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param field the field's name for the messages, e.g. {@code InvocationIds}
     * @param ids the IDs
     * @return a violation for a missing list, each ID that is not an InvocationId, and each given
     *     twice
     */
    public static List<Violation> check(String field, List<String> ids) {
        List<Violation> violations = new ArrayList<>();
        if (ids.isEmpty()) {
            violations.add(new Violation(field, "is required: at least one invocation ID, inv- followed by 8 letters or digits",
                    "MissingParameter"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String element = ids.size() == 1 ? field : field + "[" + i + "]";
            TatIds.checkInvocationId(element, id).ifPresent(violations::add);
            if (id != null && !seen.add(id)) {
                violations.add(new Violation(element, "'" + Texts.shorten(id) + "' is listed more than once",
                        "InvalidParameterValue"));
            }
        }
        return violations;
    }
}
