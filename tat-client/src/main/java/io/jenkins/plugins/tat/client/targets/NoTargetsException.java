package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.TatException;

/** A selector matched no instance to run on (AWS SSM's "No Instances In Tag"); nothing was sent. */
public final class NoTargetsException extends TatException {

    private static final long serialVersionUID = 1L;

    /** @serial what was resolved, with its skipped instances */
    private final ResolvedTargets resolved;

    /**
     * @param resolved the empty resolution: its skipped instances say why nothing is left
     * @param region the region listed
     */
    public NoTargetsException(ResolvedTargets resolved, String region) {
        super("No instance to run on: " + resolved.selector() + " in region " + region + (resolved.matched() == 0
                ? " matched nothing. Check the tags (keys and values are case-sensitive), the region and the"
                        + " instances' kind."
                : " matched " + resolved.matched() + ", but every one was skipped: " + resolved.summary()), null);
        this.resolved = resolved;
    }

    /** @return what was resolved */
    public ResolvedTargets resolved() {
        return resolved;
    }
}
