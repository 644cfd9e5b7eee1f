/**
 * API keys: a long-term key ({@link io.jenkins.plugins.tat.client.auth.ApiKey}),
 * the {@link io.jenkins.plugins.tat.client.auth.CredentialProvider} a client asks for the key of
 * each attempt, and temporary keys of a CAM role that renew themselves
 * ({@link io.jenkins.plugins.tat.client.auth.AssumedRoleCredentials}).
 */
package io.jenkins.plugins.tat.client.auth;
