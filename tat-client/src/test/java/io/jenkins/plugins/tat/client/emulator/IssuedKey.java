package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;

/**
 * A temporary key the emulated STS issued, as a test sees it. Its SecretKey and token are here for
 * tests that look for them where they must not be (logs, files); {@link #toString()} masks them.
 *
 * @param secretId the temporary SecretId
 * @param secretKey the temporary SecretKey
 * @param sessionToken the token
 * @param roleArn the role assumed
 * @param roleSessionName the session name sent
 * @param assumedBy the SecretId of the long-term key that asked
 * @param issuedAt when (server clock)
 * @param expiresAt when it stops being accepted (server clock)
 */
public record IssuedKey(String secretId, String secretKey, String sessionToken, String roleArn, String roleSessionName,
        String assumedBy, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedKey[" + secretId + ", secretKey=****, token=****, " + roleArn + ", session " + roleSessionName
                + ", by " + assumedBy + ", " + issuedAt + " to " + expiresAt + "]";
    }
}
