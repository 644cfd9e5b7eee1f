package io.jenkins.plugins.tat.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.security.AccessControlled;
import hudson.util.FormValidation;
import hudson.util.Secret;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A Tencent Cloud API key stored in Jenkins. The SecretKey is kept as a {@link Secret}: encrypted
 * on disk, masked in forms, and encrypted in configuration-as-code exports.
 *
 * <p>Configuration as code:
 * <pre>
 * credentials:
 *   system:
 *     domainCredentials:
 *       - credentials:
 *           - tencentCloudApiKey:
 *               scope: GLOBAL
 *               id: tencent-deploy
 *               description: Deploy key
 *               secretId: AKID...
 *               secretKey: "${TENCENT_SECRET_KEY}"
 *               assumeRole:                       # optional: sign with the role's temporary keys
 *                 roleArn: "qcs::cam::uin/100000000001:roleName/jenkins-deploy"
 * </pre>
 */
public final class TencentCloudCredentialsImpl extends BaseStandardCredentials implements TencentCloudCredentials {

    private static final long serialVersionUID = 1L;

    @NonNull
    private final String secretId;

    @NonNull
    private final Secret secretKey;

    @CheckForNull
    private CamRole assumeRole;

    /**
     * @param scope the scope
     * @param id the ID, or empty for a generated one
     * @param description a description
     * @param secretId the SecretId
     * @param secretKey the SecretKey, plain or encrypted (data binding decrypts)
     */
    @DataBoundConstructor
    public TencentCloudCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @CheckForNull String secretId, @CheckForNull Secret secretKey) {
        super(scope, id, description);
        this.secretId = Util.fixNull(secretId).trim();
        this.secretKey = secretKey == null ? Secret.fromString("") : secretKey;
    }

    @NonNull
    @Override
    public String getSecretId() {
        return secretId;
    }

    @NonNull
    @Override
    public Secret getSecretKey() {
        return secretKey;
    }

    @CheckForNull
    @Override
    public CamRole getAssumeRole() {
        return assumeRole;
    }

    /**
     * @param assumeRole a CAM role to assume with this key, so that the steps sign with its
     *     temporary keys; {@code null} to sign with the key itself
     */
    @DataBoundSetter
    public void setAssumeRole(@CheckForNull CamRole assumeRole) {
        this.assumeRole = assumeRole == null || assumeRole.getRoleArn() == null ? null : assumeRole;
    }

    /** The credential type's descriptor. */
    @Extension
    @Symbol("tencentCloudApiKey")
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TencentCloudCredentialsImpl_DisplayName();
        }

        @Override
        public String getIconClassName() {
            return "symbol-cloud";
        }

        /** @return the line under the type's name in the credentials store's "Add Credentials" dialog */
        @Override
        public String getDescription() {
            return Messages.TencentCloudCredentialsImpl_Description();
        }

        /**
         * Checks the form of a SecretId. A syntax check: it reads the typed text and nothing else,
         * so it answers everyone who can reach the form, without a permission.
         *
         * @param value the SecretId
         * @return the check's outcome
         */
        @POST
        @Restricted(NoExternalUse.class)
        @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
        public FormValidation doCheckSecretId(@QueryParameter String value) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.TencentCloudCredentialsImpl_SecretIdRequired());
            }
            if (!value.equals(value.strip())) {
                return FormValidation.warning(Messages.TencentCloudCredentialsImpl_SecretIdWhitespace());
            }
            return FormValidation.ok();
        }

        /**
         * Checks that a SecretKey was given. The value is never echoed.
         *
         * <p>Not a syntax check: when a stored key is edited, the form posts it encrypted, and
         * telling whether it is empty means decrypting it with this controller's key. So only
         * those who may create or update credentials where the form is (the only ones shown it)
         * get an answer.
         *
         * @param item the folder or job whose store is edited, or {@code null} for Jenkins
         * @param value the SecretKey, possibly in its encrypted form
         * @return the check's outcome
         */
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckSecretKey(@AncestorInPath Item item, @QueryParameter String value) {
            checkCanManageCredentials(item);
            if (Util.fixEmptyAndTrim(Secret.toString(Secret.fromString(value))) == null) {
                return FormValidation.error(Messages.TencentCloudCredentialsImpl_SecretKeyRequired());
            }
            return FormValidation.ok();
        }

        /**
         * Credentials/Create or Credentials/Update. Written with {@code hasPermission} and
         * {@code checkPermission} rather than {@code checkAnyPermission}, which the security
         * scan's permission query does not recognise (jenkins-infra/jenkins-codeql,
         * {@code WebMethodMissingPermissionCheck.md}).
         */
        private static void checkCanManageCredentials(@CheckForNull Item item) {
            AccessControlled context = item != null ? item : Jenkins.get();
            if (!context.hasPermission(CredentialsProvider.UPDATE)) {
                context.checkPermission(CredentialsProvider.CREATE);
            }
        }
    }
}
