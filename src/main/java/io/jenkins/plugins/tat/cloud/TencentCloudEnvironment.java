package io.jenkins.plugins.tat.cloud;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The environment variables of a {@code withTencentCloud} block, under the names Tencent Cloud's
 * own tools read, so that {@code sh 'tccli …'}, the SDKs and Terraform work inside it.
 *
 * <p>The values that are secrets are kept as {@link Secret}s: when Pipeline saves its state
 * ({@code program.dat}) it writes a {@code Secret} encrypted (workflow-support's
 * {@code SecretPickle}), so neither the SecretKey nor the token is ever on disk in the clear, and
 * the block's variables are there again after a restart. {@link #getSensitiveVariables()} makes
 * Pipeline warn when a script interpolates one of them into a {@code sh} string.
 */
@Restricted(NoExternalUse.class)
public final class TencentCloudEnvironment extends EnvironmentExpander {

    private static final long serialVersionUID = 1L;

    /** The SecretId: read by tccli, the SDKs' environment credential providers and Terraform. */
    public static final String SECRET_ID = "TENCENTCLOUD_SECRET_ID";
    /** The SecretKey, read by the same tools. */
    public static final String SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
    /** A temporary key's token, under the name most scripts use. */
    public static final String SESSION_TOKEN = "TENCENTCLOUD_SESSION_TOKEN";
    /**
     * The same token under the names the tools read: tccli {@code TENCENTCLOUD_TOKEN} (its README,
     * "临时密钥 … 环境变量"), the Terraform provider and Pulumi {@code TENCENTCLOUD_SECURITY_TOKEN}
     * (the provider's {@code security_token} argument). Set only for a temporary key.
     */
    static final String[] TOKEN_ALIASES = {"TENCENTCLOUD_TOKEN", "TENCENTCLOUD_SECURITY_TOKEN"};
    /** The region, read by tccli, Terraform and the SDK examples. */
    public static final String REGION = "TENCENTCLOUD_REGION";

    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Map<String, String> publicValues = new LinkedHashMap<>();

    /**
     * @param secrets variables whose values are secrets (masked in the log)
     * @param publicValues variables whose values are not
     */
    public TencentCloudEnvironment(@NonNull Map<String, String> secrets, @NonNull Map<String, String> publicValues) {
        secrets.forEach((name, value) -> this.secrets.put(name, Secret.fromString(value)));
        this.publicValues.putAll(publicValues);
    }

    /**
     * The variables of a key: {@value #SECRET_ID}, {@value #SECRET_KEY} and, for a temporary key,
     * {@value #SESSION_TOKEN} with its aliases. All of them are treated as secrets, the SecretId
     * too: it is not a secret to TAT, but it names the account's key, and masking it costs nothing.
     *
     * @param key the key's values
     * @return the variables, in that order
     */
    @NonNull
    public static Map<String, String> variablesOf(@NonNull ApiKey.Exported key) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(SECRET_ID, key.secretId());
        variables.put(SECRET_KEY, key.secretKey());
        if (key.sessionToken() != null) {
            variables.put(SESSION_TOKEN, key.sessionToken());
            for (String alias : TOKEN_ALIASES) {
                variables.put(alias, key.sessionToken());
            }
        }
        return variables;
    }

    /**
     * @param region the region, or {@code null}
     * @return {@value #REGION}, if a region is given
     */
    @NonNull
    public static Map<String, String> regionOf(@CheckForNull String region) {
        return region == null ? Map.of() : Map.of(REGION, region);
    }

    @Override
    public void expand(@NonNull EnvVars env) {
        secrets.forEach((name, value) -> env.override(name, value.getPlainText()));
        publicValues.forEach(env::override);
    }

    @NonNull
    @Override
    public Set<String> getSensitiveVariables() {
        return Collections.unmodifiableSet(secrets.keySet());
    }
}
