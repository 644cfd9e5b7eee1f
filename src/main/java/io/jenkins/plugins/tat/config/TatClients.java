package io.jenkins.plugins.tat.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TencentCloudCredential;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Makes {@link TatClient}s from the global settings: the endpoint and language, and HTTP through
 * Jenkins' proxy settings.
 *
 * <p>An authenticated proxy cannot be used: with one configured, Java 17 and later do not pass an
 * {@code Authorization} header to the destination (JDK-8326949, noted in
 * {@link ProxyConfiguration#newHttpClientBuilder()}), and TC3 signing needs that header.
 */
public final class TatClients {

    private TatClients() {}

    /**
     * @param key the API key
     * @param region the region to act on
     * @return a client
     * @throws AbortException if the region is malformed or the saved endpoint is
     */
    @NonNull
    public static TatClient create(@NonNull TencentCloudCredential key, String region) throws AbortException {
        TatGlobalConfiguration config = TatGlobalConfiguration.get();
        try {
            HttpClient http = ProxyConfiguration.newHttpClientBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            return TatClient.builder()
                    .credential(key)
                    .region(region)
                    .endpoint(config.endpointUri())
                    .language(config.languageOrNull())
                    .httpClient(http)
                    .requestClient("jenkins-tencentcloud-tat")
                    .build();
        } catch (InvalidRequestException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
