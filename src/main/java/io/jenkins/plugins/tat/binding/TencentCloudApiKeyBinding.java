package io.jenkins.plugins.tat.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.cloud.TencentCloudEnvironment;
import io.jenkins.plugins.tat.config.TatClientFactory;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentials;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.credentialsbinding.BindingDescriptor;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Binds a Tencent Cloud API key to environment variables, by default the names Tencent Cloud's
 * tools read ({@code TENCENTCLOUD_SECRET_ID}, {@code TENCENTCLOUD_SECRET_KEY},
 * {@code TENCENTCLOUD_SESSION_TOKEN}):
 *
 * <pre>
 * withCredentials([tencentCloudApiKey(credentialsId: 'tencent-deploy')]) {
 *     sh 'tccli cvm DescribeInstances --region ap-guangzhou'
 * }
 * </pre>
 *
 * <p>The credentials-binding plugin masks every bound value in the log and records the use of the
 * credentials. For credentials that name a CAM role, the variables hold a temporary key of the
 * role, issued when the block starts, and its token; the token variable is set only then. Unlike {@code withTencentCloud},
 * the binding sets no region and is no default for the TAT steps.
 */
public final class TencentCloudApiKeyBinding extends MultiBinding<TencentCloudCredentials> {

    private String secretIdVariable;
    private String secretKeyVariable;
    private String sessionTokenVariable;

    /** @param credentialsId the API key's credentials ID */
    @DataBoundConstructor
    public TencentCloudApiKeyBinding(String credentialsId) {
        super(credentialsId);
    }

    /** @return the variable for the SecretId; {@code TENCENTCLOUD_SECRET_ID} unless set */
    @NonNull
    public String getSecretIdVariable() {
        return secretIdVariable != null ? secretIdVariable : TencentCloudEnvironment.SECRET_ID;
    }

    /** @param name the variable for the SecretId; empty for {@code TENCENTCLOUD_SECRET_ID} */
    @DataBoundSetter
    public void setSecretIdVariable(@CheckForNull String name) {
        this.secretIdVariable = Util.fixEmptyAndTrim(name);
    }

    /** @return the variable for the SecretKey; {@code TENCENTCLOUD_SECRET_KEY} unless set */
    @NonNull
    public String getSecretKeyVariable() {
        return secretKeyVariable != null ? secretKeyVariable : TencentCloudEnvironment.SECRET_KEY;
    }

    /** @param name the variable for the SecretKey; empty for {@code TENCENTCLOUD_SECRET_KEY} */
    @DataBoundSetter
    public void setSecretKeyVariable(@CheckForNull String name) {
        this.secretKeyVariable = Util.fixEmptyAndTrim(name);
    }

    /** @return the variable for a temporary key's token; {@code TENCENTCLOUD_SESSION_TOKEN} unless set */
    @NonNull
    public String getSessionTokenVariable() {
        return sessionTokenVariable != null ? sessionTokenVariable : TencentCloudEnvironment.SESSION_TOKEN;
    }

    /** @param name the variable for a temporary key's token; empty for {@code TENCENTCLOUD_SESSION_TOKEN} */
    @DataBoundSetter
    public void setSessionTokenVariable(@CheckForNull String name) {
        this.sessionTokenVariable = Util.fixEmptyAndTrim(name);
    }

    @Override
    protected Class<TencentCloudCredentials> type() {
        return TencentCloudCredentials.class;
    }

    @Override
    public MultiEnvironment bind(@NonNull Run<?, ?> build, @CheckForNull FilePath workspace, @CheckForNull Launcher launcher,
            @NonNull TaskListener listener) throws IOException, InterruptedException {
        TencentCloudCredentials stored = getCredentials(build); // looks the credentials up for the build and tracks them
        ApiKey.Exported key = keyOf(stored).export();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(getSecretIdVariable(), key.secretId());
        values.put(getSecretKeyVariable(), key.secretKey());
        if (key.sessionToken() != null) {
            values.put(getSessionTokenVariable(), key.sessionToken());
        }
        return new MultiEnvironment(values);
    }

    /**
     * The key to bind: the stored one, or, for credentials that name a CAM role, a temporary key
     * of the role asked from STS now (valid for the role's {@code durationSeconds}).
     */
    private ApiKey keyOf(TencentCloudCredentials stored) throws IOException, InterruptedException {
        ApiKey key = TencentCloudApiKeys.toClientKey(stored, getCredentialsId());
        CamRole role = stored.getAssumeRole();
        if (role == null) {
            return key;
        }
        try {
            return TatClientFactory.temporaryKeys(key, role.toRequest(), null).current();
        } catch (TatException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Every variable that may be set is masked, the SecretId's too (see {@link TencentCloudEnvironment#variablesOf}). */
    @Override
    public Set<String> variables(@NonNull Run<?, ?> build) {
        return new LinkedHashSet<>(List.of(getSecretIdVariable(), getSecretKeyVariable(), getSessionTokenVariable()));
    }

    /** The binding's descriptor: {@code tencentCloudApiKey} in {@code withCredentials}. */
    @Symbol("tencentCloudApiKey")
    @Extension
    public static final class DescriptorImpl extends BindingDescriptor<TencentCloudCredentials> {

        @Override
        protected Class<TencentCloudCredentials> type() {
            return TencentCloudCredentials.class;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TencentCloudApiKeyBinding_DisplayName();
        }

        /** The SecretId and SecretKey go into variables; no file, so no workspace is needed. */
        @Override
        public boolean requiresWorkspace() {
            return false;
        }
    }
}
