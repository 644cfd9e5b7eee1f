package io.jenkins.plugins.tat.client;

import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import io.jenkins.plugins.tat.client.text.Texts;

/**
 * No temporary key for a CAM role could be had from STS, so the request that needed it was not
 * sent. The cause is STS's answer: an API error ({@link TencentCloudApiException}: the role does
 * not exist, the key may not assume it, …) or a transport failure.
 */
public final class TemporaryKeyException extends TatException {

    private static final long serialVersionUID = 1L;

    private final boolean mayPass;

    /**
     * @param roleArn the role
     * @param endpoint the STS endpoint asked
     * @param cause STS's failure, after the retries it allows
     */
    public TemporaryKeyException(String roleArn, String endpoint, TatException cause) {
        super("Could not get a temporary key for CAM role " + Texts.shorten(roleArn) + " from STS at " + endpoint + ": "
                + cause.getMessage(), cause);
        this.mayPass = RetryPolicy.isRetryable(TatAction.ASSUME_ROLE, cause);
    }

    /**
     * @return whether trying again later may succeed (throttling, a network fault); {@code false}
     *     for an answer that will not change, such as a role that does not exist
     */
    public boolean mayPass() {
        return mayPass;
    }
}
