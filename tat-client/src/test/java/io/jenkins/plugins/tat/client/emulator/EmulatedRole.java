package io.jenkins.plugins.tat.client.emulator;

import java.util.Objects;
import java.util.Set;

/**
 * A CAM role the emulated STS lets keys assume (AssumeRole): its ARN, the external ID its trust
 * policy asks for, if any, and the long-term keys it trusts (all registered ones unless named).
 *
 * @param roleArn the role, e.g. {@code qcs::cam::uin/100000000001:roleName/jenkins-deploy}
 * @param externalId the external ID a caller must send, or {@code null}
 * @param trustedSecretIds the SecretIds that may assume the role; empty for every long-term key
 */
public record EmulatedRole(String roleArn, String externalId, Set<String> trustedSecretIds) {

    /** Copies the set. */
    public EmulatedRole {
        Objects.requireNonNull(roleArn, "roleArn");
        trustedSecretIds = Set.copyOf(trustedSecretIds);
    }

    /**
     * @param roleArn the role
     * @return a role every registered long-term key may assume, without an external ID
     */
    public static EmulatedRole of(String roleArn) {
        return new EmulatedRole(roleArn, null, Set.of());
    }

    /**
     * @param externalId the external ID a caller must send
     * @return this role, asking for it
     */
    public EmulatedRole withExternalId(String externalId) {
        return new EmulatedRole(roleArn, Objects.requireNonNull(externalId), trustedSecretIds);
    }

    /**
     * @param secretIds the only long-term keys that may assume the role
     * @return this role, trusting those only
     */
    public EmulatedRole trusting(String... secretIds) {
        return new EmulatedRole(roleArn, externalId, Set.of(secretIds));
    }

    boolean trusts(String secretId) {
        return trustedSecretIds.isEmpty() || trustedSecretIds.contains(secretId);
    }
}
