/**
 * The {@code tencentCloudApiKey} binding of the credentials-binding plugin: an API key's SecretId,
 * SecretKey and (for a temporary key) token in environment variables, for {@code withCredentials}
 * in Pipeline and "Use secret text(s) or file(s)" in freestyle jobs, and (when Pipeline: Declarative
 * is installed) for {@code credentials('…')} in a Declarative {@code environment {}}.
 */
package io.jenkins.plugins.tat.binding;
