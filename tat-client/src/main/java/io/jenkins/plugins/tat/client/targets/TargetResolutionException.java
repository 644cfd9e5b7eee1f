package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.TatException;

/**
 * Listing a selector's instances was refused in a way the user must fix: a tag the product does
 * not know or will not take, or a key without the CAM permission to list. Nothing was sent to any
 * instance. The underlying API failure is the cause.
 */
public final class TargetResolutionException extends TatException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused and what to do, naming the tag or the permission
     * @param cause the API's refusal
     */
    public TargetResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
