package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.TatException;

/** The invocation to wait for does not exist in the region (or the key cannot see it). */
public final class InvocationNotFoundException extends TatException {

    private static final long serialVersionUID = 1L;

    /** @param message which invocation, and where it was looked for */
    public InvocationNotFoundException(String message) {
        super(message, null);
    }
}
