/**
 * Starting TAT invocations: the {@code tatInvoke} (a saved command, InvokeCommand) and
 * {@code tatRun} (a script, RunCommand) Pipeline steps, their freestyle build steps, and the
 * invoker all four share ({@link io.jenkins.plugins.tat.invoke.TatInvoker}).
 */
package io.jenkins.plugins.tat.invoke;
