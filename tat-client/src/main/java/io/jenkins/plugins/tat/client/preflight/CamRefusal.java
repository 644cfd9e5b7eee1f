package io.jenkins.plugins.tat.client.preflight;

import io.jenkins.plugins.tat.client.TencentCloudApiException;
import java.util.Set;

/**
 * Whether the API refused a call because the key's CAM policy does not allow the action
 * (docs/dev/protocol.md §3.1, §3.2). A pre-flight check refused so only warns and the invocation
 * is sent as without the check: a policy written before the checks existed keeps working. Any
 * other failure of a check is a failure.
 */
public final class CamRefusal {

    /** The codes CAM answers for an action the key's policy does not allow. */
    private static final Set<String> CODES =
            Set.of("AuthFailure.UnauthorizedOperation", "UnauthorizedOperation", "UnauthorizedOperation.CamAuthFailed");

    private CamRefusal() {}

    /**
     * @param code an API error code, e.g. {@code UnauthorizedOperation.CamAuthFailed}
     * @return whether it is one of the codes CAM answers for an action the policy does not allow
     */
    public static boolean isCamRefusal(String code) {
        return code != null && CODES.contains(code);
    }

    /**
     * @param failure what a call threw
     * @return whether it is the API's answer that the key's policy does not allow the action
     */
    public static boolean isCamRefusal(Exception failure) {
        return failure instanceof TencentCloudApiException api && isCamRefusal(api.errorCode());
    }
}
