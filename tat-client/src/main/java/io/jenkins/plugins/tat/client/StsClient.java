package io.jenkins.plugins.tat.client;

import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.api.AssumeRoleResponse;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.http.ApiCaller;
import io.jenkins.plugins.tat.client.http.CallerSettings;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.rules.Endpoints;
import io.jenkins.plugins.tat.client.text.Texts;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * A client for Tencent Cloud STS (API 2018-08-13, service {@code sts}): AssumeRole, the temporary
 * key of a CAM role (docs/dev/protocol.md §9). It names its action to an {@link ApiCaller} speaking
 * STS's service name and version, so an STS call is signed, rate-limited, retried and checked
 * exactly as a TAT call is; only the API differs. The long-term key it signs with is the one that assumes the role.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StsClient {

    /** The service name in the TC3 credential scope. */
    public static final String SERVICE = "sts";
    /** The API version sent as {@code X-TC-Version}. */
    public static final String API_VERSION = "2018-08-13";
    /** The China site endpoint. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://sts.tencentcloudapi.com");
    /** The international site endpoint. */
    public static final URI INTERNATIONAL_ENDPOINT = URI.create("https://sts.intl.tencentcloudapi.com");
    /**
     * The region sent when the caller has none: STS is not regional, but Region is a required
     * common parameter (§9); the official Java SDK's {@code STSCredential} sends this one.
     */
    public static final String DEFAULT_REGION = "ap-guangzhou";

    private static final String DOMAIN = ".tencentcloudapi.com";

    private static final ApiCaller.Product STS = new ApiCaller.Product(SERVICE, API_VERSION);

    private final ApiCaller api;
    private final ApiKey key;

    private StsClient(ApiCaller api, ApiKey key) {
        this.api = api;
        this.key = key;
    }

    /**
     * An STS client with the settings of a TAT client: the same HTTP client, clock, language,
     * timeouts, retries and caller name. Its endpoint is STS's beside the settings' one
     * ({@link #endpointFor}: TAT's default becomes {@link #DEFAULT_ENDPOINT}, an STS endpoint
     * stays), its region the settings' or {@link #DEFAULT_REGION}; it has a rate limiter of its
     * own, so that renewing a key never takes a permit from TAT calls of the same key.
     *
     * @param key the long-term key that assumes roles; the settings' credentials are not used
     * @param settings a TAT client's builder, e.g. {@code TatClient.builder().httpClient(http)}
     * @return the client
     * @throws InvalidRequestException if the region or endpoint is malformed
     */
    public static StsClient of(ApiKey key, TatClient.Builder settings) {
        Objects.requireNonNull(key, "key");
        CallerSettings sts = settings.callerSettings();
        String region = sts.region() != null ? sts.region() : DEFAULT_REGION;
        ApiCaller api = sts.product(STS)
                .credentials(key)
                .endpoint(endpointFor(sts.endpoint()))
                .region(region)
                // STS's quota (600 a second, §9) is not TAT's.
                .rateLimiter(RequestRateLimiter.shared("sts " + key.secretId(), region))
                .build("STS client configuration");
        return new StsClient(api, key);
    }

    /**
     * The STS endpoint beside a TAT endpoint: {@code tat.} becomes {@code sts.} on Tencent Cloud's
     * API domain (the China and international sites, and regional hosts such as
     * {@code tat.ap-guangzhou.tencentcloudapi.com}, as API 3.0 products generally have). Any other
     * host (a private deployment, an emulator) is taken to serve STS too: the same endpoint.
     *
     * @param tatEndpoint a valid TAT endpoint
     * @return the STS endpoint
     */
    public static URI endpointFor(URI tatEndpoint) {
        URI tat = Endpoints.normalise(tatEndpoint);
        String host = tat.getHost().toLowerCase(Locale.ROOT);
        if (!host.startsWith("tat.") || !host.endsWith(DOMAIN)) {
            return tat;
        }
        try {
            return new URI(tat.getScheme(), null, "sts." + host.substring("tat.".length()), tat.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no STS endpoint for " + Texts.shorten(tatEndpoint.toString()), e);
        }
    }

    /** @return the endpoint requests go to */
    public URI endpoint() {
        return api.endpoint();
    }

    /** @return the SecretId of the key that assumes roles: an identifier, not a secret */
    public String secretId() {
        return key.secretId();
    }

    /** @return the key that assumes roles; for its secrets' redaction ({@link CredentialProvider#inUse()}) */
    public ApiKey key() {
        return key;
    }

    /** @return the clock requests are stamped with; a temporary key's life is measured on it */
    public Clock clock() {
        return api.clock();
    }

    /**
     * Asks STS for a temporary key of the role.
     *
     * @param request the role and session; validated before anything is sent
     * @return the temporary key, its expiry and the RequestId
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if STS refused it (e.g. {@code InternalError.GetRoleError}
     *     for a role that does not exist, {@code UnauthorizedOperation} for a key that may not
     *     assume it)
     * @throws TatTransportException if no usable answer came after the retries allowed
     * @throws InterruptedException if interrupted
     */
    public AssumeRoleResponse assumeRole(AssumeRoleRequest request) throws InterruptedException {
        if (!request.validate().isEmpty()) {
            throw new InvalidRequestException("AssumeRole request", request.validate());
        }
        return api.call(TatAction.ASSUME_ROLE, request.toJson(), null, AssumeRoleResponse::fromJson);
    }

    @Override
    public String toString() {
        return "StsClient[" + api.endpoint() + ", key=" + key + "]";
    }
}
