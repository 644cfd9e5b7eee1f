package io.jenkins.plugins.tat.credentials;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.util.Secret;

/**
 * A Tencent Cloud API key: a SecretId and its SecretKey.
 */
@NameWith(value = TencentCloudCredentials.NameProvider.class, priority = 1)
public interface TencentCloudCredentials extends StandardCredentials {

    /** @return the SecretId, e.g. {@code AKID...}; an identifier, shown in lists */
    @NonNull
    String getSecretId();

    /** @return the SecretKey */
    @NonNull
    Secret getSecretKey();

    /** Names a key in lists: its description, or else its shortened SecretId. */
    class NameProvider extends CredentialsNameProvider<TencentCloudCredentials> {
        @NonNull
        @Override
        public String getName(@NonNull TencentCloudCredentials credentials) {
            String description = Util.fixEmptyAndTrim(credentials.getDescription());
            String secretId = credentials.getSecretId();
            String shortId = secretId.length() <= 8 ? secretId : secretId.substring(0, 4) + "…" + secretId.substring(secretId.length() - 4);
            return description != null ? description + " (" + shortId + ")" : Messages.TencentCloudCredentials_Name(shortId);
        }
    }
}
