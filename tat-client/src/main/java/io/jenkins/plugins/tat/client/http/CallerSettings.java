package io.jenkins.plugins.tat.client.http;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.Language;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.rules.Endpoints;
import io.jenkins.plugins.tat.client.rules.Regions;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of an {@link ApiCaller}, and its builder. The façades' builders keep one and
 * document each setting; {@link #copy()} lets a client of another API start from a TAT client's
 * settings.
 */
public final class CallerSettings {

    // Package-private: ApiCaller's constructor copies them; no one else changes them but the setters.
    CredentialProvider credentials;
    ApiCaller.Product product;
    String region;
    URI endpoint;
    HttpClient httpClient;
    Clock clock = Clock.systemUTC();
    Language language;
    Duration requestTimeout = ApiCaller.DEFAULT_REQUEST_TIMEOUT;
    RetryPolicy retryPolicy = RetryPolicy.standard();
    RequestRateLimiter rateLimiter;
    String requestClient = "tencentcloud-tat-jenkins";
    long maxResponseBytes = ApiCaller.DEFAULT_MAX_RESPONSE_BYTES;

    private CallerSettings(ApiCaller.Product product, URI endpoint) {
        this.product = Objects.requireNonNull(product, "product");
        this.endpoint = endpoint;
    }

    /**
     * @param product the API to speak
     * @param defaultEndpoint the endpoint used unless one is set
     * @return settings with the defaults
     */
    public static CallerSettings of(ApiCaller.Product product, URI defaultEndpoint) {
        return new CallerSettings(product, defaultEndpoint);
    }

    /** @return settings equal to these, to change some of them */
    public CallerSettings copy() {
        CallerSettings b = new CallerSettings(product, endpoint);
        b.credentials = credentials;
        b.region = region;
        b.httpClient = httpClient;
        b.clock = clock;
        b.language = language;
        b.requestTimeout = requestTimeout;
        b.retryPolicy = retryPolicy;
        b.rateLimiter = rateLimiter;
        b.requestClient = requestClient;
        b.maxResponseBytes = maxResponseBytes;
        return b;
    }

    /**
     * @param product the API to speak
     * @return these settings
     */
    public CallerSettings product(ApiCaller.Product product) {
        this.product = Objects.requireNonNull(product, "product");
        return this;
    }

    /**
     * @param provider where each request's key comes from (required)
     * @return these settings
     */
    public CallerSettings credentials(CredentialProvider provider) {
        this.credentials = provider;
        return this;
    }

    /** @return the credentials so far, or {@code null} if none were given */
    public CredentialProvider credentials() {
        return credentials;
    }

    /**
     * @param region the region to act on (required)
     * @return these settings
     */
    public CallerSettings region(String region) {
        this.region = region;
        return this;
    }

    /** @return the region set, or {@code null} */
    public String region() {
        return region;
    }

    /**
     * @param endpoint scheme and host of the API
     * @return these settings
     */
    public CallerSettings endpoint(URI endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /** @return the endpoint set, or the default given to {@link #of} */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * @param httpClient the HTTP client, or {@code null} for a shared default one
     * @return these settings
     */
    public CallerSettings httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return this;
    }

    /**
     * @param clock the clock for {@code X-TC-Timestamp}
     * @return these settings
     */
    public CallerSettings clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** @return the clock set, or the system's */
    public Clock clock() {
        return clock;
    }

    /**
     * @param language the language of the API's error messages, or {@code null} for the API's default
     * @return these settings
     */
    public CallerSettings language(Language language) {
        this.language = language;
        return this;
    }

    /**
     * @param timeout how long one attempt may take; a whole call takes at most
     *     {@link ApiCaller#callBudget()}, which it bounds too
     * @return these settings
     */
    public CallerSettings requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * @param policy what to retry and how, within the call's time ({@link ApiCaller#callBudget()})
     * @return these settings
     */
    public CallerSettings retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * @param limiter the rate limiter, or {@code null} for the one shared by the key and region
     * @return these settings
     */
    public CallerSettings rateLimiter(RequestRateLimiter limiter) {
        this.rateLimiter = limiter;
        return this;
    }

    /**
     * @param maxBytes the largest answer read
     * @return these settings
     */
    public CallerSettings maxResponseBytes(long maxBytes) {
        this.maxResponseBytes = maxBytes;
        return this;
    }

    /**
     * @param requestClient sent as {@code X-TC-RequestClient}, naming the caller
     * @return these settings
     */
    public CallerSettings requestClient(String requestClient) {
        this.requestClient = Objects.requireNonNull(requestClient, "requestClient");
        return this;
    }

    /**
     * @param what what is being configured, for the message, e.g. {@code "TAT client configuration"}
     * @return the caller
     * @throws InvalidRequestException if the credentials are missing, or a setting is malformed
     */
    public ApiCaller build(String what) {
        List<Violation> violations = new ArrayList<>();
        if (credentials == null) {
            violations.add(new Violation("Credential", "is required: a SecretId and SecretKey", "AuthFailure"));
        }
        Regions.check(region).ifPresent(violations::add);
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            violations.add(new Violation("RequestTimeout", "must be positive, not " + requestTimeout, "InvalidParameter"));
        }
        if (maxResponseBytes < 1024) {
            violations.add(new Violation("MaxResponseBytes", "must be at least 1024, not " + maxResponseBytes,
                    "InvalidParameter"));
        }
        if (requestClient.isEmpty() || requestClient.length() > 128
                || !requestClient.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            violations.add(new Violation("RequestClient", "must be 1 to 128 visible ASCII characters: "
                    + Texts.shorten(requestClient), "InvalidParameter"));
        }
        URI normalised = normaliseEndpoint(endpoint, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(what, violations);
        }
        return new ApiCaller(this, normalised);
    }

    private static URI normaliseEndpoint(URI endpoint, List<Violation> violations) {
        Optional<Violation> problem = Endpoints.check(endpoint);
        if (problem.isPresent()) {
            violations.add(problem.get());
            return null;
        }
        return Endpoints.normalise(endpoint);
    }
}
