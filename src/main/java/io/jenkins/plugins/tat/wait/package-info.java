/**
 * Waiting for invocations: the {@code tatWait} step, the resumable execution shared with
 * {@code tatInvoke(waitForCompletion: true)}, and the build log of each task.
 */
package io.jenkins.plugins.tat.wait;
