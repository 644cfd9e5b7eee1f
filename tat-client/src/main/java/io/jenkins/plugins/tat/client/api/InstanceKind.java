package io.jenkins.plugins.tat.client.api;

import java.util.Optional;

/**
 * The kinds of instance TAT runs commands on, told apart by the ID prefix (docs/dev/protocol.md §5).
 * One InvokeCommand call may target one kind only: the API documents "CVM and Lighthouse cannot
 * be specified at the same time" ({@code InvalidParameterValue.InconsistentInstance}); for
 * managed instances the docs are silent, and we treat any mix as inconsistent, the conservative
 * reading.
 */
public enum InstanceKind {
    /** A CVM instance, {@code ins-xxxxxxxx}. */
    CVM("ins-"),
    /** A Lighthouse instance, {@code lhins-xxxxxxxx}. */
    LIGHTHOUSE("lhins-"),
    /** A TAT managed ("register") instance, {@code rins-xxxxxxxx}. */
    MANAGED("rins-");

    private final String prefix;

    InstanceKind(String prefix) {
        this.prefix = prefix;
    }

    /** @return the ID prefix, e.g. {@code lhins-} */
    public String prefix() {
        return prefix;
    }

    /**
     * @param instanceId an instance ID
     * @return the kind its prefix names, if any
     */
    public static Optional<InstanceKind> of(String instanceId) {
        if (instanceId != null) {
            for (InstanceKind kind : values()) {
                if (instanceId.startsWith(kind.prefix)) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }
}
