package io.jenkins.plugins.tat.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.StsClient;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.AssumedRoleCredentials;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.rules.Regions;
import java.net.Proxy;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Makes {@link TatClient}s from the global settings: the endpoint and language, and HTTP through
 * Jenkins' proxy settings over the controller's one HTTP client ({@link SharedHttpClient}).
 *
 * <p>An authenticated proxy cannot be used: with one configured, Java 17 and later do not pass an
 * {@code Authorization} header to the destination (JDK-8326949, noted in
 * {@link ProxyConfiguration#newHttpClientBuilder()}), and TC3 signing needs that header.
 */
@Restricted(NoExternalUse.class)
public final class TatClientFactory {

    private TatClientFactory() {}

    /**
     * The message of a failure, with a hint when an authenticated proxy is the likely cause: the
     * API then rejects the request's signature, because the {@code Authorization} header never
     * reached it.
     *
     * @param failure what went wrong
     * @param client the client that made the call
     * @return the message to show
     */
    @NonNull
    public static String explain(@NonNull TatException failure, @NonNull TatClient client) {
        boolean authProblem = failure instanceof TencentCloudApiException api
                && (api.errorCode().startsWith("AuthFailure") || api.errorCode().equals("MissingParameter"));
        return authProblem && authenticatedProxyFor(client.endpoint().getHost())
                ? failure.getMessage() + " " + Messages.TatClientFactory_AuthenticatedProxy()
                : failure.getMessage();
    }

    private static boolean authenticatedProxyFor(String host) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
        return proxy != null && proxy.getName() != null && proxy.getUserName() != null
                && proxy.createProxy(host) != Proxy.NO_PROXY;
    }

    /**
     * A client for one API key and region. It is cheap: the HTTP client underneath is the
     * controller's one, {@link SharedHttpClient}.
     *
     * @param key the API key, resolved by the caller (for a build, by the credentials package): a
     *     fixed key, or a role's renewing temporary keys ({@link #temporaryKeys})
     * @param region the region to act on
     * @return a client
     * @throws AbortException if the region is malformed or the saved endpoint is
     */
    @NonNull
    public static TatClient create(@NonNull CredentialProvider key, String region) throws AbortException {
        TatGlobalConfiguration config = TatGlobalConfiguration.get();
        try {
            return TatClient.builder()
                    .credentials(key)
                    .region(region)
                    .endpoint(config.endpointUri())
                    .language(config.effectiveLanguage())
                    .httpClient(SharedHttpClient.get())
                    .requestClient("jenkins-tencentcloud-tat")
                    .build();
        } catch (InvalidRequestException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * The temporary keys of a CAM role, assumed with a long-term key: one renewing provider per
     * role session and key in the controller ({@link AssumedRoleCredentials#shared}), so that every
     * build and every shared poll using the role signs with the same key, and STS is asked once
     * per key life. STS is reached beside the configured TAT endpoint ({@link StsClient#endpointFor}),
     * through the same HTTP client and proxy settings.
     *
     * @param key the long-term key that assumes the role
     * @param role the role's AssumeRole request
     * @param region the region of the steps, sent as STS's Region (any valid one will do), or
     *     {@code null} for STS's usual {@value StsClient#DEFAULT_REGION}
     * @return the provider; it asks STS only when a request needs a key
     * @throws AbortException if the role breaks a rule of AssumeRole or the saved endpoint is malformed
     */
    @NonNull
    public static AssumedRoleCredentials temporaryKeys(@NonNull ApiKey key, @NonNull AssumeRoleRequest role,
            String region) throws AbortException {
        TatGlobalConfiguration config = TatGlobalConfiguration.get();
        try {
            // The settings of the TAT clients (endpoint, proxy, language); STS's endpoint is beside TAT's.
            StsClient sts = StsClient.of(key, TatClient.builder()
                    .endpoint(config.endpointUri())
                    .region(region != null && Regions.check(region).isEmpty() ? region : StsClient.DEFAULT_REGION)
                    .language(config.effectiveLanguage())
                    .httpClient(SharedHttpClient.get())
                    .requestClient("jenkins-tencentcloud-tat"));
            return AssumedRoleCredentials.shared(sts, role);
        } catch (InvalidRequestException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
