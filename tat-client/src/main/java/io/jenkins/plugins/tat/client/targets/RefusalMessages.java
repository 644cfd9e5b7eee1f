package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import java.util.List;

/**
 * Turns a listing's refusal into what the user must fix: a missing CAM permission is named, a
 * refused tag filter names the selector's tag keys (the error codes are docs/dev/protocol.md §10's).
 * Any other refusal is left as it is.
 */
final class RefusalMessages {

    private RefusalMessages() {}

    static TatException translate(TencentCloudApiException e, String permission, List<TagTerm> tags, String region) {
        String code = e.errorCode();
        if (code.startsWith("UnauthorizedOperation") || code.equals("AuthFailure.UnauthorizedOperation")
                || code.startsWith("OperationDenied")) {
            return new TargetResolutionException("The key may not list instances: " + e.action() + " was refused ("
                    + code + ", RequestId " + e.requestId() + "). Grant the CAM permission " + permission + " to the key"
                    + " or its role; nothing was sent to any instance.", e);
        }
        boolean tagRefused = code.contains("TagKey") || code.contains("TagValue") || code.contains("IllegalTag");
        boolean filterRefused = code.contains("Filter");
        if (!tags.isEmpty() && (tagRefused || filterRefused)) {
            String keys = String.join("`, `", tags.stream().map(TagTerm::key).toList());
            String which = tags.size() == 1 ? "the tag key `" + keys + "`" : "one of the tag keys `" + keys + "`";
            String why = code.endsWith("TagKeyNotFound") ? " does not exist in region " + region + " (no resource carries it)"
                    : " was refused";
            return new TargetResolutionException(e.action() + " refused the selector's tags: " + which + why + " ("
                    + code + ", RequestId " + e.requestId() + "). Check the key's spelling and case; nothing was sent to"
                    + " any instance.", e);
        }
        return e;
    }
}
