/**
 * Waiting for an invocation to finish: {@link io.jenkins.plugins.tat.client.watch.InvocationWatcher}
 * polls the API until every task is terminal and reports each task once, when it ends.
 */
package io.jenkins.plugins.tat.client.watch;
