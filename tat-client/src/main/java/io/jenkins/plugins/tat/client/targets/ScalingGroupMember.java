package io.jenkins.plugins.tat.client.targets;

/**
 * An instance of an Auto Scaling group as DescribeAutoScalingInstances describes it.
 *
 * @param instanceId the CVM instance ID
 * @param groupId the group, {@code asg-…}
 * @param lifeCycleState IN_SERVICE when serving; CREATING, STOPPED, IN_LAUNCHING_HOOK… otherwise
 * @param healthStatus HEALTHY, UNHEALTHY or CLB_UNHEALTHY
 */
public record ScalingGroupMember(String instanceId, String groupId, String lifeCycleState, String healthStatus) {}
