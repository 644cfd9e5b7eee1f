package io.jenkins.plugins.tat.client.targets;

import java.io.Serializable;

/**
 * An instance that matched the selector but is left out, and why.
 *
 * @param instanceId the ID
 * @param name its name, or empty
 * @param reason why, e.g. {@code not running (STOPPED)}, {@code restricted (EXPIRED)},
 *     {@code not in service (IN_LAUNCHING_HOOK)}, {@code agent offline (Offline)}
 */
public record SkippedInstance(String instanceId, String name, String reason) implements Serializable {}
