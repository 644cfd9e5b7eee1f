package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;

/**
 * A temporary key the emulated STS issued, as a test may see it (never its SecretKey or token).
 *
 * @param secretId the temporary SecretId
 * @param roleArn the role assumed
 * @param roleSessionName the session name sent
 * @param assumedBy the SecretId of the long-term key that asked
 * @param issuedAt when (server clock)
 * @param expiresAt when it stops being accepted (server clock)
 */
public record IssuedKey(String secretId, String roleArn, String roleSessionName, String assumedBy, Instant issuedAt,
        Instant expiresAt) {}
