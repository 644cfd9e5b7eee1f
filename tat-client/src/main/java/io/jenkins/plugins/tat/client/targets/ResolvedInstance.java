package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import java.io.Serializable;

/**
 * An instance a step will run on, with what a build page shows of it.
 *
 * @param instanceId the ID
 * @param kind its kind, from the ID's prefix
 * @param name its name, or empty
 * @param privateIp its primary private IP, or empty
 */
public record ResolvedInstance(String instanceId, InstanceKind kind, String name, String privateIp)
        implements Serializable {}
