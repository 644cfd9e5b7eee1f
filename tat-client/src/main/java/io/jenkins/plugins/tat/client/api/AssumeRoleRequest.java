package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.StsClient;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.ScopeDownPolicyRule;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * STS AssumeRole (version 2018-08-13): a temporary key for a CAM role (docs/dev/protocol.md §9). Immutable;
 * {@link #validate()} checks every field against §9's rules, and {@link StsClient} sends nothing
 * when one is broken. An optional {@code Policy} narrows what the temporary key may do
 * ({@link ScopeDownPolicyRule}); {@code Tags} and {@code SourceIdentity} are not supported.
 *
 * <p>Also the identity of a temporary key in caches: two equal requests stand for the same role
 * session, so {@link #equals} compares every field.
 */
public final class AssumeRoleRequest {

    /** The longest life STS grants a temporary key (§9). */
    public static final int MAX_DURATION_SECONDS = 43200;
    /** STS's default when DurationSeconds is not sent (§9). */
    public static final int DEFAULT_DURATION_SECONDS = 7200;

    /** A role or service role name, or a role ID: what follows {@code roleName/} or {@code role/}. */
    private static final String NAME = "[\\w+=,.@-]{1,128}";
    /**
     * {@code qcs::cam::uin/<uin>:roleName/<name>}, {@code qcs::cam::uin/<uin>:role/<id>} and the
     * service-role forms {@code …:role/tencentcloudServiceRole/<id>} and
     * {@code …:role/tencentcloudServiceRoleName/<name>} (§9).
     */
    private static final Pattern ROLE_ARN = Pattern.compile(
            "qcs::cam::uin/[0-9]{1,20}:(roleName/" + NAME + "|role/(tencentcloudServiceRole(Name)?/)?" + NAME + ")");
    /** RoleSessionName: 2 to 128 of {@code [\w+=,.@-]} (§9). */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,128}");
    /** ExternalId: 2 to 128 of {@code [\w+=,.@:/-]} (§9). */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,128}");

    private final String roleArn;
    private final String roleSessionName;
    private final Integer durationSeconds;
    private final String externalId;
    private final String policy;

    private AssumeRoleRequest(Builder b) {
        this.policy = b.policy;
        this.roleArn = b.roleArn;
        this.roleSessionName = b.roleSessionName;
        this.durationSeconds = b.durationSeconds;
        this.externalId = b.externalId;
    }

    /**
     * @param roleArn the role, e.g. {@code qcs::cam::uin/100000000001:roleName/jenkins-deploy}
     * @param roleSessionName the session name, e.g. {@code jenkins}; it shows in CloudAudit
     * @return a builder
     */
    public static Builder builder(String roleArn, String roleSessionName) {
        return new Builder(roleArn, roleSessionName);
    }

    /** @return the role ARN */
    public String roleArn() {
        return roleArn;
    }

    /** @return the session name */
    public String roleSessionName() {
        return roleSessionName;
    }

    /** @return the life asked for, or {@code null} for STS's default ({@value #DEFAULT_DURATION_SECONDS} s) */
    public Integer durationSeconds() {
        return durationSeconds;
    }

    /** @return the life the key will have at most: the one asked for, or STS's default */
    public int effectiveDurationSeconds() {
        return durationSeconds != null ? durationSeconds : DEFAULT_DURATION_SECONDS;
    }

    /** @return the external ID the role's trust policy asks for, or {@code null} */
    public String externalId() {
        return externalId;
    }

    /** @return the scope-down policy document (not URL-encoded), or {@code null} for the role's own policy alone */
    public String policy() {
        return policy;
    }

    /** @return every broken rule; empty when the request may be sent */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (roleArn == null || roleArn.isBlank()) {
            violations.add(new Violation("RoleArn", "is required: the CAM role to assume, e.g."
                    + " qcs::cam::uin/100000000001:roleName/jenkins-deploy", "MissingParameter"));
        } else if (!ROLE_ARN.matcher(roleArn).matches()) {
            violations.add(new Violation("RoleArn", "'" + Texts.shorten(roleArn) + "' is not a CAM role ARN;"
                    + " expected qcs::cam::uin/<account UIN>:roleName/<role name> or qcs::cam::uin/<account UIN>:role/<role ID>",
                    "InvalidParameter.ParamError"));
        }
        if (roleSessionName == null || roleSessionName.isBlank()) {
            violations.add(new Violation("RoleSessionName", "is required: a name for the session, 2 to 128 letters,"
                    + " digits or +=,.@_- characters, e.g. jenkins", "MissingParameter"));
        } else if (!SESSION_NAME.matcher(roleSessionName).matches()) {
            violations.add(new Violation("RoleSessionName", "'" + Texts.shorten(roleSessionName) + "' must be 2 to 128"
                    + " letters, digits or +=,.@_- characters", "InvalidParameter.ParamError"));
        }
        if (durationSeconds != null && (durationSeconds < 1 || durationSeconds > MAX_DURATION_SECONDS)) {
            violations.add(new Violation("DurationSeconds", durationSeconds + " is out of range; a temporary key lives"
                    + " 1 to " + MAX_DURATION_SECONDS + " seconds (default " + DEFAULT_DURATION_SECONDS + ")",
                    "InvalidParameter.OverTimeError"));
        }
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            violations.add(new Violation("ExternalId", "must be 2 to 128 letters, digits or +=,.@:/_- characters",
                    "InvalidParameter.ParamError"));
        }
        ScopeDownPolicyRule.check(policy).ifPresent(violations::add);
        return violations;
    }

    public ObjectNode toJson() {
        ObjectNode body = ApiJson.object();
        body.put("RoleArn", roleArn);
        body.put("RoleSessionName", roleSessionName);
        if (durationSeconds != null) {
            body.put("DurationSeconds", durationSeconds.longValue());
        }
        if (externalId != null) {
            body.put("ExternalId", externalId);
        }
        if (policy != null) {
            body.put("Policy", ScopeDownPolicyRule.encode(policy));
        }
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssumeRoleRequest other && Objects.equals(roleArn, other.roleArn)
                && Objects.equals(roleSessionName, other.roleSessionName)
                && Objects.equals(durationSeconds, other.durationSeconds) && Objects.equals(externalId, other.externalId)
                && Objects.equals(policy, other.policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roleArn, roleSessionName, durationSeconds, externalId, policy);
    }

    /** The external ID is left out: a trust policy may treat it as a shared secret. */
    @Override
    public String toString() {
        return "AssumeRoleRequest[RoleArn=" + Texts.shorten(roleArn) + ", RoleSessionName=" + Texts.shorten(roleSessionName)
                + (durationSeconds != null ? ", DurationSeconds=" + durationSeconds : "")
                + (externalId != null ? ", ExternalId=****" : "")
                + (policy != null ? ", Policy=(" + policy.length() + " characters)" : "") + "]";
    }

    /** Builds an {@link AssumeRoleRequest}. */
    public static final class Builder {
        private final String roleArn;
        private final String roleSessionName;
        private Integer durationSeconds;
        private String externalId;
        private String policy;

        private Builder(String roleArn, String roleSessionName) {
            this.roleArn = roleArn;
            this.roleSessionName = roleSessionName;
        }

        /**
         * @param seconds the key's life, 1 to {@value AssumeRoleRequest#MAX_DURATION_SECONDS}, or
         *     {@code null} for STS's default
         * @return this builder
         */
        public Builder durationSeconds(Integer seconds) {
            this.durationSeconds = seconds;
            return this;
        }

        /**
         * @param externalId the external ID the role's trust policy asks for, or {@code null}
         * @return this builder
         */
        public Builder externalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        /**
         * @param policy a CAM policy document (JSON, not URL-encoded) narrowing what the temporary
         *     key may do within the role's own policy, or {@code null} (blank counts as none)
         * @return this builder
         */
        public Builder policy(String policy) {
            this.policy = policy == null || policy.isBlank() ? null : policy;
            return this;
        }

        /** @return the request, not yet validated */
        public AssumeRoleRequest build() {
            return new AssumeRoleRequest(this);
        }
    }
}
