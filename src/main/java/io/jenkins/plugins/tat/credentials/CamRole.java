package io.jenkins.plugins.tat.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A CAM role to assume with an API key: the steps then sign with the role's temporary key, which
 * STS issues (AssumeRole) and the plugin renews before it expires. Set on an API key credential
 * ({@code assumeRole}) or named by a {@code withTencentCloud} block ({@code role}). The rules are
 * tat-client's ({@link AssumeRoleRequest#validate()}).
 *
 * <p>Holds no secret: the external ID a trust policy may ask for identifies the caller, it does
 * not authenticate it, and is shown in the form like the ARN.
 */
public final class CamRole implements Describable<CamRole>, Serializable {

    private static final long serialVersionUID = 1L;

    /** The session name when none is given: it shows in CloudAudit as who acted. */
    public static final String DEFAULT_SESSION_NAME = "jenkins";

    private final String roleArn;
    private String roleSessionName;
    private Integer durationSeconds;
    private String externalId;

    /** @param roleArn the role, e.g. {@code qcs::cam::uin/100000000001:roleName/jenkins-deploy} */
    @DataBoundConstructor
    public CamRole(String roleArn) {
        this.roleArn = Util.fixEmptyAndTrim(roleArn);
    }

    /** @return the role's ARN */
    public String getRoleArn() {
        return roleArn;
    }

    /** @return the session name; {@value #DEFAULT_SESSION_NAME} unless set */
    @NonNull
    public String getRoleSessionName() {
        return roleSessionName != null ? roleSessionName : DEFAULT_SESSION_NAME;
    }

    /** @param roleSessionName 2 to 128 letters, digits or {@code +=,.@_-}; empty for {@value #DEFAULT_SESSION_NAME} */
    @DataBoundSetter
    public void setRoleSessionName(@CheckForNull String roleSessionName) {
        this.roleSessionName = Util.fixEmptyAndTrim(roleSessionName);
    }

    /** @return the temporary key's life in seconds, or {@code null} for STS's default (7200) */
    @CheckForNull
    public Integer getDurationSeconds() {
        return durationSeconds;
    }

    /** @param durationSeconds 1 to 43200, or {@code null} for STS's default (7200) */
    @DataBoundSetter
    public void setDurationSeconds(@CheckForNull Integer durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    /** @return the external ID the role's trust policy asks for, or {@code null} */
    @CheckForNull
    public String getExternalId() {
        return externalId;
    }

    /** @param externalId the external ID the role's trust policy asks for; empty for none */
    @DataBoundSetter
    public void setExternalId(@CheckForNull String externalId) {
        this.externalId = Util.fixEmptyAndTrim(externalId);
    }

    /** @return the AssumeRole request for this role, not yet validated */
    @NonNull
    @Restricted(NoExternalUse.class)
    public AssumeRoleRequest toRequest() {
        return AssumeRoleRequest.builder(roleArn, getRoleSessionName()).durationSeconds(durationSeconds)
                .externalId(externalId).build();
    }

    /** @return every broken rule of docs/dev/protocol.md §9, each naming its field */
    @NonNull
    @Restricted(NoExternalUse.class)
    public List<Violation> violations() {
        return toRequest().validate();
    }

    @Override
    public DescriptorImpl getDescriptor() {
        return (DescriptorImpl) Jenkins.get().getDescriptorOrDie(CamRole.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CamRole other && Objects.equals(roleArn, other.roleArn)
                && getRoleSessionName().equals(other.getRoleSessionName())
                && Objects.equals(durationSeconds, other.durationSeconds) && Objects.equals(externalId, other.externalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roleArn, getRoleSessionName(), durationSeconds, externalId);
    }

    @Override
    public String toString() {
        return "CamRole[" + roleArn + ", session " + getRoleSessionName() + "]";
    }

    /** The descriptor; its checks read the typed value only (syntax checks, no permission needed). */
    @Extension
    @Symbol("camRole")
    public static final class DescriptorImpl extends Descriptor<CamRole> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CamRole_DisplayName();
        }

        /**
         * @param value the role ARN
         * @return the check
         */
        @POST
        @Restricted(NoExternalUse.class)
        @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
        public FormValidation doCheckRoleArn(@QueryParameter String value) {
            return check("RoleArn", new CamRole(value));
        }

        /**
         * @param value the session name
         * @return the check
         */
        @POST
        @Restricted(NoExternalUse.class)
        @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
        public FormValidation doCheckRoleSessionName(@QueryParameter String value) {
            CamRole role = new CamRole("qcs::cam::uin/1:roleName/check");
            role.setRoleSessionName(value);
            return check("RoleSessionName", role);
        }

        /**
         * @param value the duration in seconds
         * @return the check
         */
        @POST
        @Restricted(NoExternalUse.class)
        @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
        public FormValidation doCheckDurationSeconds(@QueryParameter String value) {
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return FormValidation.ok();
            }
            CamRole role = new CamRole("qcs::cam::uin/1:roleName/check");
            try {
                role.setDurationSeconds(Integer.valueOf(text));
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.CamRole_NotANumber());
            }
            return check("DurationSeconds", role);
        }

        /**
         * @param value the external ID
         * @return the check
         */
        @POST
        @Restricted(NoExternalUse.class)
        @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
        public FormValidation doCheckExternalId(@QueryParameter String value) {
            CamRole role = new CamRole("qcs::cam::uin/1:roleName/check");
            role.setExternalId(value);
            return check("ExternalId", role);
        }

        private static FormValidation check(String field, CamRole role) {
            String problems = role.violations().stream().filter(v -> v.field().equals(field)).map(Violation::toString)
                    .collect(Collectors.joining("; "));
            return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(problems);
        }
    }
}
