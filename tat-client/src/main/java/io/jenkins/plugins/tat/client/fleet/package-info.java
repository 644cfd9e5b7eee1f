/**
 * Fleets larger than one call may carry: TAT's InvokeCommand and RunCommand take at most
 * {@value io.jenkins.plugins.tat.client.rules.InvokeCommandRules#MAX_INSTANCES} instances, so a fleet is
 * split into batches ({@link io.jenkins.plugins.tat.client.fleet.InstanceBatches}) and sent one
 * batch after the other ({@link io.jenkins.plugins.tat.client.fleet.BatchSender}), each batch
 * becoming one invocation. No batch is ever sent twice: a batch whose call failed in a way that
 * may have started it is reported as such, and nothing after it is sent.
 */
package io.jenkins.plugins.tat.client.fleet;
