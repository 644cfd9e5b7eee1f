/**
 * The TAT and STS actions as values: one request and one response type per action, the resources
 * they carry ({@link io.jenkins.plugins.tat.client.api.Invocation},
 * {@link io.jenkins.plugins.tat.client.api.InvocationTask},
 * {@link io.jenkins.plugins.tat.client.api.Command}, …) and their JSON form.
 *
 * <p>Requests are immutable and built by builders; each validates itself with the rules of
 * {@link io.jenkins.plugins.tat.client.rules} before anything is sent. {@code toJson} and
 * {@code fromJson} are public only so that the façades of {@link io.jenkins.plugins.tat.client}
 * can reach them; they are internal to tat-client.
 */
package io.jenkins.plugins.tat.client.api;
