/**
 * Fleets as users have them: instances chosen by tag or by Auto Scaling group instead of by ID.
 *
 * <p>A {@link io.jenkins.plugins.tat.client.targets.TargetSelector} says which instances (CVM by
 * tags, optionally zone and name; Lighthouse by tags; TAT managed instances by tags; the
 * in-service instances of scaling groups) and is validated locally like every request. A
 * {@link io.jenkins.plugins.tat.client.targets.TargetResolver} lists them through each product's
 * own API ({@link io.jenkins.plugins.tat.client.targets.CvmClient},
 * {@link io.jenkins.plugins.tat.client.targets.LighthouseClient},
 * {@link io.jenkins.plugins.tat.client.targets.AutoScalingClient},
 * {@link io.jenkins.plugins.tat.client.targets.ManagedInstanceClient}), each signed with its own
 * service name, reached at its own host beside TAT's ({@link io.jenkins.plugins.tat.client.targets.ServiceEndpoints})
 * and sent through the same {@link io.jenkins.plugins.tat.client.http.ApiCaller} as TAT's calls.
 * The answer is a frozen {@link io.jenkins.plugins.tat.client.targets.ResolvedTargets}: the
 * instances to run on, grouped by kind (one InvokeCommand never mixes kinds), and those skipped
 * with why. The wire facts are in docs/dev/protocol.md §10.
 */
package io.jenkins.plugins.tat.client.targets;
