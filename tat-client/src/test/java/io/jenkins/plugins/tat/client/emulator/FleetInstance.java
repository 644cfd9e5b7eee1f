package io.jenkins.plugins.tat.client.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An instance as the listing APIs see it: its name, zone, private IP, state, tags and, for CVM
 * instances, the Auto Scaling group it serves in. Registered with {@link TatEmulator#fleetInstance},
 * which also makes it an instance TAT runs commands on (agent online, running exactly when its state
 * is RUNNING, or for a managed instance when it is Online). Immutable; each "setter" returns a
 * changed copy, e.g. {@code FleetInstance.cvm("ins-web00001").tag("app", "web").state("STOPPED")}.
 *
 * <p>Defaults: region ap-guangzhou, zone ap-guangzhou-3, name the ID, private IP from the ID's
 * hash, state RUNNING, restrict state NORMAL, no tags, no scaling group, life-cycle state
 * IN_SERVICE, health HEALTHY.
 */
public final class FleetInstance {

    private final String instanceId;
    private final EmulatedInstance.Kind kind;
    private final String region;
    private final String zone;
    private final String name;
    private final String privateIp;
    private final String state;
    private final String restrictState;
    private final Map<String, String> tags;
    private final String scalingGroupId;
    private final String lifeCycleState;
    private final String healthStatus;

    private FleetInstance(String instanceId, EmulatedInstance.Kind kind, String region, String zone, String name,
            String privateIp, String state, String restrictState, Map<String, String> tags, String scalingGroupId,
            String lifeCycleState, String healthStatus) {
        this.instanceId = instanceId;
        this.kind = kind;
        this.region = region;
        this.zone = zone;
        this.name = name;
        this.privateIp = privateIp;
        this.state = state;
        this.restrictState = restrictState;
        this.tags = Map.copyOf(tags);
        this.scalingGroupId = scalingGroupId;
        this.lifeCycleState = lifeCycleState;
        this.healthStatus = healthStatus;
    }

    private static FleetInstance of(EmulatedInstance.Kind kind, String instanceId) {
        if (!TatIds.INSTANCE.isWellFormed(instanceId) || !instanceId.startsWith(kind.prefix())) {
            throw new IllegalArgumentException("not a " + kind + " instance ID: " + instanceId);
        }
        int hash = instanceId.hashCode();
        String ip = "10." + ((hash >>> 16) & 0xff) + "." + ((hash >>> 8) & 0xff) + "." + Math.max(2, hash & 0xfe);
        String state = kind == EmulatedInstance.Kind.MANAGED ? "Online" : "RUNNING";
        return new FleetInstance(instanceId, kind, "ap-guangzhou", "ap-guangzhou-3", instanceId, ip, state, "NORMAL",
                Map.of(), null, "IN_SERVICE", "HEALTHY");
    }

    /** @param instanceId {@code ins-…} @return a running CVM instance */
    public static FleetInstance cvm(String instanceId) {
        return of(EmulatedInstance.Kind.CVM, instanceId);
    }

    /** @param instanceId {@code lhins-…} @return a running Lighthouse instance */
    public static FleetInstance lighthouse(String instanceId) {
        return of(EmulatedInstance.Kind.LIGHTHOUSE, instanceId);
    }

    /** @param instanceId {@code rins-…} @return an online managed instance */
    public static FleetInstance managed(String instanceId) {
        return of(EmulatedInstance.Kind.MANAGED, instanceId);
    }

    private FleetInstance with(String newRegion, String newZone, String newName, String newIp, String newState,
            String newRestrict, Map<String, String> newTags, String newGroup, String newLifeCycle, String newHealth) {
        return new FleetInstance(instanceId, kind, newRegion, newZone, newName, newIp, newState, newRestrict, newTags,
                newGroup, newLifeCycle, newHealth);
    }

    /** @param regionId the region @return a copy in that region */
    public FleetInstance region(String regionId) {
        return with(Objects.requireNonNull(regionId), zone, name, privateIp, state, restrictState, tags, scalingGroupId,
                lifeCycleState, healthStatus);
    }

    /** @param zoneId e.g. {@code ap-guangzhou-6} @return a copy in that zone */
    public FleetInstance zone(String zoneId) {
        return with(region, Objects.requireNonNull(zoneId), name, privateIp, state, restrictState, tags, scalingGroupId,
                lifeCycleState, healthStatus);
    }

    /** @param instanceName the name @return a copy with that name */
    public FleetInstance name(String instanceName) {
        return with(region, zone, Objects.requireNonNull(instanceName), privateIp, state, restrictState, tags,
                scalingGroupId, lifeCycleState, healthStatus);
    }

    /** @param ip the primary private IP @return a copy with it */
    public FleetInstance privateIp(String ip) {
        return with(region, zone, name, Objects.requireNonNull(ip), state, restrictState, tags, scalingGroupId,
                lifeCycleState, healthStatus);
    }

    /**
     * @param instanceState CVM/Lighthouse InstanceState (RUNNING, STOPPED…) or, for a managed
     *     instance, its register Status (Online, Offline)
     * @return a copy in that state
     */
    public FleetInstance state(String instanceState) {
        return with(region, zone, name, privateIp, Objects.requireNonNull(instanceState), restrictState, tags,
                scalingGroupId, lifeCycleState, healthStatus);
    }

    /** @param restrict RestrictState (CVM) or InstanceRestrictState (Lighthouse), e.g. EXPIRED @return a copy */
    public FleetInstance restrictState(String restrict) {
        return with(region, zone, name, privateIp, state, Objects.requireNonNull(restrict), tags, scalingGroupId,
                lifeCycleState, healthStatus);
    }

    /** @param key a tag key @param value its value @return a copy with that tag added */
    public FleetInstance tag(String key, String value) {
        Map<String, String> newTags = new LinkedHashMap<>(tags);
        newTags.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return with(region, zone, name, privateIp, state, restrictState, newTags, scalingGroupId, lifeCycleState,
                healthStatus);
    }

    /**
     * @param groupId the Auto Scaling group, {@code asg-…}
     * @param lifeCycle its LifeCycleState there, e.g. IN_SERVICE, STOPPED, IN_LAUNCHING_HOOK
     * @return a copy serving in that group
     */
    public FleetInstance scalingGroup(String groupId, String lifeCycle) {
        return with(region, zone, name, privateIp, state, restrictState, tags, Objects.requireNonNull(groupId),
                Objects.requireNonNull(lifeCycle), healthStatus);
    }

    String instanceId() {
        return instanceId;
    }

    EmulatedInstance.Kind kind() {
        return kind;
    }

    String region() {
        return region;
    }

    String zone() {
        return zone;
    }

    String name() {
        return name;
    }

    String privateIp() {
        return privateIp;
    }

    String state() {
        return state;
    }

    String restrictState() {
        return restrictState;
    }

    Map<String, String> tags() {
        return tags;
    }

    String scalingGroupId() {
        return scalingGroupId;
    }

    String lifeCycleState() {
        return lifeCycleState;
    }

    String healthStatus() {
        return healthStatus;
    }

    /** @return the TAT instance it also is: agent online, running when its state says so */
    EmulatedInstance asTatInstance() {
        EmulatedInstance tat = switch (kind) {
            case CVM -> EmulatedInstance.cvm(instanceId);
            case LIGHTHOUSE -> EmulatedInstance.lighthouse(instanceId);
            case MANAGED -> EmulatedInstance.managed(instanceId);
        };
        boolean up = state.equals("RUNNING") || state.equals("Online");
        return tat.region(region).running(up).agentOnline(up);
    }
}
