package io.jenkins.plugins.tat.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.signing.Tc3Request;
import io.jenkins.plugins.tat.client.signing.Tc3Signature;
import io.jenkins.plugins.tat.client.signing.Tc3Signer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;

/**
 * A client for Tencent Cloud TAT, API version 2020-10-28.
 *
 * <pre>{@code
 * TatClient client = TatClient.builder()
 *     .credential(new TencentCloudCredential(secretId, secretKey))
 *     .region("ap-guangzhou")
 *     .build();
 * InvokeCommandResponse r = client.invokeCommand(InvokeCommandRequest.builder()
 *     .commandId("cmd-ffxdx79i").instanceIds(List.of("lhins-ar5wyn40")).build());
 * }</pre>
 *
 * <p>Every call validates its request first and sends nothing if a rule is broken
 * ({@link InvalidRequestException}); signs with TC3-HMAC-SHA256 the exact bytes it sends; waits
 * for the shared per-key rate limit ({@link RequestRateLimiter}); and retries what
 * {@link RetryPolicy} allows. A call that may have run but gave no usable answer is never sent
 * again for InvokeCommand or CancelInvocation: it fails with a {@link TatTransportException}
 * saying the outcome is unknown and how to check it.
 *
 * <p>Instances are immutable and thread-safe: one client can serve many builds at once. Every
 * call answers interrupts with {@link InterruptedException}.
 */
public final class TatClient {

    /** The service name in the TC3 credential scope. */
    public static final String SERVICE = "tat";
    /** The API version sent as {@code X-TC-Version}. */
    public static final String API_VERSION = "2020-10-28";
    /** The China site endpoint (nearest region). */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://tat.tencentcloudapi.com");
    /** The international site endpoint. */
    public static final URI INTERNATIONAL_ENDPOINT = URI.create("https://tat.intl.tencentcloudapi.com");
    /**
     * The content type sent and signed. The docs show {@code application/json}; the official
     * SDKs send this form, and the value signed must equal the value sent (tat-api.md §1).
     */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final Logger LOGGER = Logger.getLogger(TatClient.class.getName());

    private final TencentCloudCredential credential;
    private final String region;
    private final URI endpoint;
    private final String host;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Language language;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final RequestRateLimiter rateLimiter;
    private final String requestClient;

    private TatClient(Builder b, URI endpoint) {
        this.credential = b.credential;
        this.region = b.region;
        this.endpoint = endpoint;
        this.host = hostHeader(endpoint);
        this.httpClient = b.httpClient != null ? b.httpClient : DefaultHttpClient.INSTANCE;
        this.clock = b.clock;
        this.language = b.language;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RequestRateLimiter.shared(credential.secretId(), region);
        this.requestClient = b.requestClient;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the region requests act on */
    public String region() {
        return region;
    }

    /** @return the endpoint requests go to */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Runs a saved command on instances.
     *
     * @param request the request; validated before anything is sent
     * @return the new InvocationId and the RequestId
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came; see {@link TatTransportException#mayHaveReachedServer()}
     * @throws InterruptedException if interrupted; the command may then have been started
     */
    public InvokeCommandResponse invokeCommand(InvokeCommandRequest request) throws InterruptedException {
        requireValid("InvokeCommand request", request.validate());
        Instant sentAt = clock.instant();
        String hint = "Before invoking again, check whether command " + request.commandId() + " was started: look for an"
                + " invocation of it created at about " + sentAt.truncatedTo(ChronoUnit.SECONDS) + " in region " + region
                + ", in the TAT console or with DescribeInvocations and the filter command-id=" + request.commandId() + ".";
        ApiResponse r = call(TatAction.INVOKE_COMMAND, request.toJson(), hint);
        InvokeCommandResponse response = InvokeCommandResponse.fromJson(r.body(), r.requestId());
        if (response.invocationId() == null || response.invocationId().isBlank()) {
            throw new TatTransportException(TatAction.INVOKE_COMMAND.apiName(), "InvokeCommand answered without an"
                    + " InvocationId (RequestId: " + r.requestId() + "). " + hint, true, 200, null);
        }
        return response;
    }

    /**
     * Reads invocations.
     *
     * @param request by IDs or filters, one page
     * @return the page
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came after the retries allowed
     * @throws InterruptedException if interrupted
     */
    public DescribeInvocationsResponse describeInvocations(DescribeInvocationsRequest request) throws InterruptedException {
        return describe(TatAction.DESCRIBE_INVOCATIONS, request, DescribeInvocationsResponse::fromJson);
    }

    /**
     * Reads invocation tasks, with their output ({@code HideOutput} is always sent as false).
     *
     * @param request by IDs or filters, one page
     * @return the page
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came after the retries allowed
     * @throws InterruptedException if interrupted
     */
    public DescribeInvocationTasksResponse describeInvocationTasks(DescribeInvocationTasksRequest request)
            throws InterruptedException {
        return describe(TatAction.DESCRIBE_INVOCATION_TASKS, request, DescribeInvocationTasksResponse::fromJson);
    }

    /**
     * Reads saved commands.
     *
     * @param request by IDs or filters, one page
     * @return the page
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came after the retries allowed
     * @throws InterruptedException if interrupted
     */
    public DescribeCommandsResponse describeCommands(DescribeCommandsRequest request) throws InterruptedException {
        return describe(TatAction.DESCRIBE_COMMANDS, request, DescribeCommandsResponse::fromJson);
    }

    /**
     * Cancels an invocation's unfinished tasks.
     *
     * @param request the invocation, and optionally some of its instances
     * @return the RequestId
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came; it is not sent again
     * @throws InterruptedException if interrupted
     */
    public CancelInvocationResponse cancelInvocation(CancelInvocationRequest request) throws InterruptedException {
        requireValid("CancelInvocation request", request.validate());
        String hint = "Check the state of " + request.invocationId() + " in the TAT console or with"
                + " DescribeInvocationTasks (filter invocation-id=" + request.invocationId() + ") before cancelling again.";
        ApiResponse r = call(TatAction.CANCEL_INVOCATION, request.toJson(), hint);
        return new CancelInvocationResponse(r.requestId());
    }

    @Override
    public String toString() {
        return "TatClient[" + endpoint + ", region=" + region + ", credential=" + credential + "]";
    }

    private <Q extends DescribeRequest, R> R describe(TatAction action, Q request, ResponseReader<R> reader)
            throws InterruptedException {
        requireValid(action.apiName() + " request", request.validate());
        ApiResponse r = call(action, request.toJson(), null);
        return reader.read(r.body(), r.requestId());
    }

    private static void requireValid(String what, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(what, violations);
        }
    }

    /** Sends one request, with rate limiting and the retries the policy allows. */
    private ApiResponse call(TatAction action, ObjectNode body, String outcomeHint) throws InterruptedException {
        byte[] bytes = ApiJson.write(body); // serialised once: these exact bytes are signed and sent
        List<TatException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            TatException failure;
            rateLimiter.acquire();
            try {
                return sendOnce(action, bytes);
            } catch (TatException e) {
                failure = e;
            } finally {
                rateLimiter.release(); // the limiter counts each request from its end (see there)
            }
            if (!retryPolicy.shouldRetry(action, failure, attempt)) {
                TatException reported = explain(action, failure, attempt, outcomeHint);
                earlier.forEach(reported::addSuppressed);
                throw reported;
            }
            Duration wait = retryPolicy.backoff(attempt);
            LOGGER.log(Level.FINE, "{0} attempt {1} failed ({2}); retrying in {3} ms",
                    new Object[] {action.apiName(), attempt, failure.getMessage(), wait.toMillis()});
            earlier.add(failure);
            Thread.sleep(wait.toMillis());
        }
    }

    /** Turns the last failure into the one reported, adding what the caller needs to know. */
    private static TatException explain(TatAction action, TatException failure, int attempts, String outcomeHint) {
        if (failure instanceof TatTransportException transport) {
            String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
            if (!transport.mayHaveReachedServer()) {
                return new TatTransportException(action.apiName(), transport.getMessage() + tries
                        + ". The request did not reach the server.", false, transport.httpStatus(), transport.getCause());
            }
            if (!action.isReadOnly()) {
                return new TatTransportException(action.apiName(), "Outcome unknown: " + action.apiName()
                        + " may have reached TAT, but no usable answer came back: " + transport.getMessage() + ". It was not"
                        + " sent again, because a second " + action.apiName() + " would act twice. " + outcomeHint,
                        true, transport.httpStatus(), transport.getCause());
            }
            return new TatTransportException(action.apiName(), transport.getMessage() + tries, true,
                    transport.httpStatus(), transport.getCause());
        }
        return failure;
    }

    /** One attempt: sign with the current time, send, read the envelope. */
    private ApiResponse sendOnce(TatAction action, byte[] body) throws InterruptedException {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", CONTENT_TYPE);
        signed.put("Host", host);
        signed.put("X-TC-Action", action.apiName());
        Tc3Signature signature = Tc3Signer.sign(Tc3Request.post(signed, body), SERVICE, credential.secretId(),
                credential.secretKey(), timestamp);

        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                // HTTP/1.1 so that the Host header signed is the one sent, on every JDK and proxy.
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(requestTimeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("Authorization", signature.authorization())
                .header("X-TC-Action", action.apiName())
                .header("X-TC-Version", API_VERSION)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("X-TC-Region", region)
                .header("X-TC-RequestClient", requestClient)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        credential.sessionToken().ifPresent(token -> http.header("X-TC-Token", token));
        if (language != null) {
            http.header("X-TC-Language", language.headerValue());
        }

        HttpResponse<byte[]> response;
        try {
            response = httpClient.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw transportFailure(action, e);
        }
        if (response.statusCode() != 200) {
            // The SDKs read Response.Error only from HTTP 200; any other status is a transport
            // failure, possibly from a proxy or gateway after the API saw the request (§3).
            throw new TatTransportException(action.apiName(), "TAT answered HTTP " + response.statusCode()
                    + " instead of 200", true, response.statusCode(), null);
        }
        return readEnvelope(action, response.body());
    }

    private TatTransportException transportFailure(TatAction action, IOException e) {
        String cause = describe(e);
        // Only a failure to connect proves the request was never sent. A timeout or a broken
        // connection after sending may have left the action done on the server.
        boolean notSent = e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e instanceof SSLHandshakeException;
        String message = notSent
                ? "Could not connect to TAT at " + endpoint + " for " + action.apiName() + ": " + cause
                : e instanceof HttpTimeoutException
                        ? "No answer from TAT at " + endpoint + " for " + action.apiName() + " within "
                                + timeoutText()
                        : "The connection to TAT at " + endpoint + " failed during " + action.apiName() + ": " + cause;
        return new TatTransportException(action.apiName(), message, !notSent, -1, e);
    }

    /** The request timeout in whole seconds, or in milliseconds when it is not a whole number of seconds. */
    private String timeoutText() {
        long millis = requestTimeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private ApiResponse readEnvelope(TatAction action, byte[] body) {
        JsonNode response;
        try {
            JsonNode root = ApiJson.parse(body);
            response = root == null ? null : root.get("Response");
        } catch (IOException e) {
            response = null;
        }
        if (response == null || !response.isObject()) {
            throw new TatTransportException(action.apiName(), "TAT answered HTTP 200 with a body that is not a TAT"
                    + " response (" + body.length + " bytes)", true, 200, null);
        }
        String requestId = ApiJson.text(response, "RequestId");
        JsonNode error = response.get("Error");
        if (error != null && !error.isNull()) {
            String code = ApiJson.text(error, "Code");
            if (code == null || code.isBlank()) {
                throw new TatTransportException(action.apiName(), "TAT answered with an error without a code (RequestId: "
                        + requestId + ")", true, 200, null);
            }
            throw new TencentCloudApiException(action.apiName(), code, redact(ApiJson.text(error, "Message")), requestId);
        }
        return new ApiResponse(response, requestId);
    }

    private String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
        return redact(text);
    }

    /** Belt and braces: no text from outside reaches a message with the key or token in it. */
    private String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(credential.secretKey(), "****");
        return credential.sessionToken().map(token -> out.replace(token, "****")).orElse(out);
    }

    private static String hostHeader(URI endpoint) {
        // What java.net.http sends as Host: the host, plus the port unless it is the default.
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || port == ("https".equals(endpoint.getScheme()) ? 443 : 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    private record ApiResponse(JsonNode body, String requestId) {}

    @FunctionalInterface
    private interface ResponseReader<R> {
        R read(JsonNode body, String requestId);
    }

    /** One HTTP client for every TatClient built without one; it is thread-safe and pools connections. */
    private static final class DefaultHttpClient {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Builds a {@link TatClient}. */
    public static final class Builder {
        private TencentCloudCredential credential;
        private String region;
        private URI endpoint = DEFAULT_ENDPOINT;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Language language;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.standard();
        private RequestRateLimiter rateLimiter;
        private String requestClient = "tencentcloud-tat-jenkins";

        private Builder() {}

        /**
         * @param credential the API key (required)
         * @return this builder
         */
        public Builder credential(TencentCloudCredential credential) {
            this.credential = credential;
            return this;
        }

        /**
         * @param region the region to act on, e.g. {@code ap-guangzhou} (required)
         * @return this builder
         */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * @param endpoint {@link #DEFAULT_ENDPOINT} (the default), {@link #INTERNATIONAL_ENDPOINT},
         *     a regional host such as {@code https://tat.ap-guangzhou.tencentcloudapi.com}, or a
         *     private deployment; scheme and host only
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * @param httpClient the HTTP client to use, e.g. one built by Jenkins' proxy configuration;
         *     by default one shared client with a 10 s connect timeout
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /**
         * @param clock the clock for {@code X-TC-Timestamp}, which must be within 5 minutes of
         *     the server's time
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param language the language of the API's error messages, or {@code null} for the API's default
         * @return this builder
         */
        public Builder language(Language language) {
            this.language = language;
            return this;
        }

        /**
         * @param timeout how long to wait for each answer (default 60 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param policy what to retry and how (default {@link RetryPolicy#standard()})
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param limiter the rate limiter; by default the one shared by all clients of this JVM
         *     with the same SecretId and region
         * @return this builder
         */
        public Builder rateLimiter(RequestRateLimiter limiter) {
            this.rateLimiter = limiter;
            return this;
        }

        /**
         * @param requestClient sent as {@code X-TC-RequestClient}, naming the caller
         * @return this builder
         */
        public Builder requestClient(String requestClient) {
            this.requestClient = Objects.requireNonNull(requestClient, "requestClient");
            return this;
        }

        /**
         * @return the client
         * @throws InvalidRequestException if the credential is missing, or the region or endpoint
         *     is malformed
         */
        public TatClient build() {
            List<Violation> violations = new ArrayList<>();
            if (credential == null) {
                violations.add(new Violation("Credential", "is required: a SecretId and SecretKey", "AuthFailure"));
            }
            Regions.check(region).ifPresent(violations::add);
            URI normalised = normaliseEndpoint(endpoint, violations);
            requireValid("TAT client configuration", violations);
            return new TatClient(this, normalised);
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
}
