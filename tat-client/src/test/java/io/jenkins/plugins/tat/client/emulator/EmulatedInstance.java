package io.jenkins.plugins.tat.client.emulator;

import java.util.Objects;

/**
 * A machine TAT can run commands on, as registered with {@link TatEmulator#instance}. Immutable;
 * each "setter" returns a changed copy, e.g.
 * {@code EmulatedInstance.lighthouse("lhins-abcd1234").region("ap-shanghai").agentOnline(false)}.
 *
 * <p>Defaults: region {@code ap-guangzhou}, agent online, instance running. InvokeCommand checks
 * all three (docs/dev/protocol.md §4.1 preconditions).
 */
public final class EmulatedInstance {

    /** The kinds of instance TAT serves, by ID prefix (docs/dev/protocol.md §5). */
    public enum Kind {
        /** A CVM instance, {@code ins-xxxxxxxx}. */
        CVM("ins-", "CVM"),
        /** A Lighthouse instance, {@code lhins-xxxxxxxx}. */
        LIGHTHOUSE("lhins-", "LIGHTHOUSE"),
        /**
         * A TAT managed ("register") instance, {@code rins-xxxxxxxx}. The InstanceKind the real
         * service reports for those is not documented (docs/dev/protocol.md §4.3 lists CVM and LIGHTHOUSE
         * only); the emulator reports null.
         */
        MANAGED("rins-", null);

        private final String prefix;
        private final String apiName;

        Kind(String prefix, String apiName) {
            this.prefix = prefix;
            this.apiName = apiName;
        }

        /** @return the ID prefix, e.g. {@code lhins-} */
        public String prefix() {
            return prefix;
        }

        /** @return the InstanceKind value of DescribeInvocations, or null where undocumented */
        public String apiName() {
            return apiName;
        }

        static Kind ofId(String instanceId) {
            for (Kind kind : values()) {
                if (instanceId.startsWith(kind.prefix)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("not an instance ID: " + instanceId);
        }
    }

    private final String instanceId;
    private final Kind kind;
    private final String region;
    private final boolean agentOnline;
    private final boolean running;

    private EmulatedInstance(String instanceId, Kind kind, String region, boolean agentOnline, boolean running) {
        this.instanceId = instanceId;
        this.kind = kind;
        this.region = region;
        this.agentOnline = agentOnline;
        this.running = running;
    }

    private static EmulatedInstance of(Kind kind, String instanceId) {
        if (!TatIds.INSTANCE.isWellFormed(instanceId) || !instanceId.startsWith(kind.prefix)) {
            throw new IllegalArgumentException("not a " + kind + " instance ID (" + kind.prefix + "xxxxxxxx): " + instanceId);
        }
        return new EmulatedInstance(instanceId, kind, "ap-guangzhou", true, true);
    }

    /**
     * @param instanceId {@code ins-} and 8 or more lower-case letters or digits
     * @return a CVM instance in ap-guangzhou, agent online, running
     */
    public static EmulatedInstance cvm(String instanceId) {
        return of(Kind.CVM, instanceId);
    }

    /**
     * @param instanceId {@code lhins-} and 8 or more lower-case letters or digits
     * @return a Lighthouse instance in ap-guangzhou, agent online, running
     */
    public static EmulatedInstance lighthouse(String instanceId) {
        return of(Kind.LIGHTHOUSE, instanceId);
    }

    /**
     * @param instanceId {@code rins-} and 8 or more lower-case letters or digits
     * @return a TAT managed instance in ap-guangzhou, agent online, running
     */
    public static EmulatedInstance managed(String instanceId) {
        return of(Kind.MANAGED, instanceId);
    }

    /**
     * @param regionId the region the instance lives in; requests for other regions do not see it
     * @return a copy in that region
     */
    public EmulatedInstance region(String regionId) {
        return new EmulatedInstance(instanceId, kind, Objects.requireNonNull(regionId), agentOnline, running);
    }

    /**
     * @param online whether the TAT agent reports in
     * @return a copy with that agent state
     */
    public EmulatedInstance agentOnline(boolean online) {
        return new EmulatedInstance(instanceId, kind, region, online, running);
    }

    /**
     * @param isRunning whether the instance is in the RUNNING state
     * @return a copy with that state
     */
    public EmulatedInstance running(boolean isRunning) {
        return new EmulatedInstance(instanceId, kind, region, agentOnline, isRunning);
    }

    /** @return the instance ID */
    public String instanceId() {
        return instanceId;
    }

    /** @return the kind, from the ID prefix */
    public Kind kind() {
        return kind;
    }

    /** @return the region ID */
    public String region() {
        return region;
    }

    /** @return whether the agent is online when the instance is registered */
    public boolean agentOnline() {
        return agentOnline;
    }

    /** @return whether the instance is running when it is registered */
    public boolean running() {
        return running;
    }
}
