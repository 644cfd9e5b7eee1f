/**
 * Invoking a saved TAT command: the {@code tatInvoke} Pipeline step, the freestyle build step, and
 * the invoker they share.
 */
package io.jenkins.plugins.tat.invoke;
