/**
 * Checks made before an invocation is sent, so that a mistake TAT would only show afterwards (an
 * offline agent: a task that never runs) or refuse with one code at a time fails fast, naming
 * each instance or parameter, with nothing sent: {@link io.jenkins.plugins.tat.client.preflight.AgentCheck}
 * (DescribeAutomationAgentStatus) and {@link io.jenkins.plugins.tat.client.preflight.ParameterCheck}
 * (the parameters against the saved command of DescribeCommands), within the request budget of
 * {@link io.jenkins.plugins.tat.client.preflight.PreflightBudget}; a CAM refusal of a check
 * ({@link io.jenkins.plugins.tat.client.preflight.CamRefusal}) only warns.
 *
 * <p>Both are reads made once per deployment, not polling: they take the rate limit's deployment
 * share ({@link io.jenkins.plugins.tat.client.api.TatAction#isPolling()}).
 */
package io.jenkins.plugins.tat.client.preflight;
