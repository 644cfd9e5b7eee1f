/**
 * Rollouts in waves that stop on errors, as pure logic: what a Pipeline passes as {@code waves}
 * and {@code maxErrors} ({@link io.jenkins.plugins.tat.client.rollout.Waves},
 * {@link io.jenkins.plugins.tat.client.rollout.MaxErrors}), the waves of a frozen target list
 * ({@link io.jenkins.plugins.tat.client.rollout.RolloutPlan}), and the running count of errors
 * that decides whether the next wave is sent and what the final verdict is
 * ({@link io.jenkins.plugins.tat.client.rollout.ErrorBudget},
 * {@link io.jenkins.plugins.tat.client.rollout.RolloutVerdict}). Nothing here sends a request.
 *
 * <p>The model is Ansible's {@code serial} for waves (numbers or percentages, the last entry
 * repeating, percentages rounded down with at least 1) and AWS SSM's {@code MaxErrors} for errors
 * (cumulative over all targets, default 0, the rollout stops once errors exceed it; the wave under
 * way always finishes).
 */
package io.jenkins.plugins.tat.client.rollout;
