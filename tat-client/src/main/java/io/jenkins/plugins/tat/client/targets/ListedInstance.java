package io.jenkins.plugins.tat.client.targets;

import java.util.Map;

/**
 * An instance as a product's listing describes it, in one shape for CVM, Lighthouse and TAT
 * managed instances.
 *
 * @param instanceId the ID
 * @param name the name, or empty
 * @param state CVM and Lighthouse: InstanceState (RUNNING, STOPPED…); managed: Status (Online,
 *     Offline)
 * @param restrictState CVM: RestrictState; Lighthouse: InstanceRestrictState (NORMAL when usable);
 *     managed: NORMAL
 * @param privateIp the primary private IP, or empty
 * @param zone the availability zone, or empty
 * @param tags the tags, key to value
 */
public record ListedInstance(String instanceId, String name, String state, String restrictState, String privateIp,
        String zone, Map<String, String> tags) {

    /** Copies the tags. */
    public ListedInstance {
        tags = Map.copyOf(tags);
    }
}
