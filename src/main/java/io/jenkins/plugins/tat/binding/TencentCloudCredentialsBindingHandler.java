package io.jenkins.plugins.tat.binding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.pipeline.modeldefinition.model.CredentialsBindingHandler;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Makes {@code credentials('…')} in a Declarative {@code environment {}} work for a Tencent Cloud
 * API key:
 *
 * <pre>
 * environment {
 *     TC = credentials('tencent-deploy')
 * }
 * </pre>
 *
 * <p>sets {@code TENCENTCLOUD_SECRET_ID}, {@code TENCENTCLOUD_SECRET_KEY} and, for a key that
 * assumes a CAM role, {@code TENCENTCLOUD_SESSION_TOKEN}: the names Tencent Cloud's tools read and
 * {@code withTencentCloud} sets. Declarative hands the parameters below to {@code withCredentials},
 * so it is the {@link TencentCloudApiKeyBinding} with its defaults that binds and masks them, as in
 * {@code withCredentials([tencentCloudApiKey(credentialsId: '…')])}. The name on the left
 * ({@code TC}) is required by Declarative's syntax and set to nothing: one key has three values,
 * and the tools look for them under their own names.
 *
 * <p>This is the only class of the plugin that uses Pipeline: Declarative (an optional dependency),
 * and nothing references it: without Declarative the extension is skipped
 * ({@code optional = true}) and the rest of the plugin works as before.
 */
@Restricted(NoExternalUse.class)
@Extension(optional = true)
public final class TencentCloudCredentialsBindingHandler extends CredentialsBindingHandler<TencentCloudCredentials> {

    @NonNull
    @Override
    public Class<? extends StandardCredentials> type() {
        return TencentCloudCredentials.class;
    }

    /**
     * The {@code tencentCloudApiKey} binding with its default variables; none of them derives from
     * the name on the left of {@code credentials()}.
     */
    @NonNull
    @Override
    public List<Map<String, Object>> getWithCredentialsParameters(String credentialsId) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("$class", TencentCloudApiKeyBinding.class.getName());
        binding.put("credentialsId", credentialsId);
        return List.of(binding);
    }
}
