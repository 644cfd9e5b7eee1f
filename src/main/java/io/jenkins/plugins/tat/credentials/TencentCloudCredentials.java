package io.jenkins.plugins.tat.credentials;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A Tencent Cloud API key: a SecretId and its SecretKey, and optionally a CAM role to assume with it.
 */
@NameWith(value = TencentCloudCredentials.NameProvider.class, priority = 1)
public interface TencentCloudCredentials extends StandardCredentials {

    /** @return the SecretId, e.g. {@code AKID...}; an identifier, shown in lists */
    @NonNull
    String getSecretId();

    /** @return the SecretKey */
    @NonNull
    Secret getSecretKey();

    /**
     * @return the CAM role the steps assume with this key (signing with the role's temporary
     *     keys), or {@code null} to sign with the key itself
     */
    @CheckForNull
    default CamRole getAssumeRole() {
        return null;
    }

    /**
     * Names a key in lists: its description, or else its shortened SecretId. Public only because
     * the credentials plugin instantiates it through {@link NameWith}; not API.
     */
    @Restricted(NoExternalUse.class)
    class NameProvider extends CredentialsNameProvider<TencentCloudCredentials> {
        @NonNull
        @Override
        public String getName(@NonNull TencentCloudCredentials credentials) {
            String description = Util.fixEmptyAndTrim(credentials.getDescription());
            String shortId = ApiKey.mask(credentials.getSecretId());
            return description != null ? description + " (" + shortId + ")" : Messages.TencentCloudCredentials_Name(shortId);
        }
    }
}
