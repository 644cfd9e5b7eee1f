package io.jenkins.plugins.tat.client;

import io.jenkins.plugins.tat.client.api.CancelInvocationRequest;
import io.jenkins.plugins.tat.client.api.CancelInvocationResponse;
import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusRequest;
import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusResponse;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.api.DescribeCommandsResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsResponse;
import io.jenkins.plugins.tat.client.api.DescribeRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandResponse;
import io.jenkins.plugins.tat.client.api.RunCommandRequest;
import io.jenkins.plugins.tat.client.api.RunCommandResponse;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.AssumedRoleCredentials;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.http.ApiCaller;
import io.jenkins.plugins.tat.client.http.CallerSettings;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.ResponseIds;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A client for Tencent Cloud TAT, API version 2020-10-28.
 *
 * <pre>{@code
 * TatClient client = TatClient.builder()
 *     .credential(new ApiKey(secretId, secretKey))
 *     .region("ap-guangzhou")
 *     .build();
 * InvokeCommandResponse r = client.invokeCommand(InvokeCommandRequest.builder()
 *     .commandId("cmd-ffxdx79i").instanceIds(List.of("lhins-ar5wyn40")).build());
 * }</pre>
 *
 * <p>Every call validates its request first and sends nothing if a rule is broken
 * ({@link InvalidRequestException}), then hands it to one {@link ApiCaller}, which signs with
 * TC3-HMAC-SHA256 the exact bytes it sends, waits for the shared per-key rate limit
 * ({@link RequestRateLimiter}) and retries what {@link RetryPolicy} allows. A call that may have
 * run but gave no usable answer is never sent again for InvokeCommand, RunCommand or
 * CancelInvocation: it fails with a {@link TatTransportException} saying the outcome is unknown
 * and how to check it.
 *
 * <p>Every attempt has one deadline for connecting, the answer's headers and its whole body
 * ({@link Builder#requestTimeout}); every call one for all its attempts (at most twice the request
 * timeout, or a client's {@link #withDeadline deadline} if that comes first); and an answer larger
 * than {@link Builder#maxResponseBytes} is refused without being read further. Text from the
 * server is treated as hostile: the client's secrets are taken out of every field of an answer
 * (as they are, base64- or URL-encoded), error messages are capped and their invisible characters
 * written out, and an answer whose RequestId, error code, IDs or page shape are not the documented
 * ones counts as unusable. No exception but a {@link TatException} (and
 * {@link InterruptedException}) leaves a call.
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
    /** The default limit on an answer's size ({@link ApiCaller#DEFAULT_MAX_RESPONSE_BYTES}). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = ApiCaller.DEFAULT_MAX_RESPONSE_BYTES;

    private static final ApiCaller.Product TAT = new ApiCaller.Product(SERVICE, API_VERSION);

    private final ApiCaller caller;

    private TatClient(ApiCaller caller) {
        this.caller = caller;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the region requests act on */
    public String region() {
        return caller.region();
    }

    /** @return the endpoint requests go to */
    public URI endpoint() {
        return caller.endpoint();
    }

    /**
     * @return the name of the key requests are signed with, the same while a temporary key is
     *     renewed ({@link CredentialProvider#keyId()}): an identifier, not a secret
     */
    public String keyId() {
        return caller.credentials().keyId();
    }

    /**
     * A client like this one whose calls end by the deadline: no attempt and no retry starts after
     * it, and each attempt gets at most the time left. Use it for work with a time budget of its
     * own, such as a whole wait for an invocation.
     *
     * @param deadline when calls must have ended
     * @return a client sharing everything with this one but the deadline
     */
    public TatClient withDeadline(Deadline deadline) {
        return new TatClient(caller.withDeadline(deadline));
    }

    /**
     * The rate limiter this client's calls keep to: the one shared by the clients of its key and
     * region, unless the builder was given another.
     *
     * @return the limiter
     */
    public RequestRateLimiter rateLimiter() {
        return caller.rateLimiter();
    }

    /**
     * A client like this one that leaves the rate limiter to its caller: each call takes no permit
     * and makes one attempt only (a retry would need a permit of its own). For a caller that must
     * hold no thread while it waits for a permit: it takes one with
     * {@link RequestRateLimiter#tryAcquire(boolean)} from {@link #rateLimiter()}, makes the call,
     * and gives the permit back with {@link RequestRateLimiter#release(boolean)}, whatever happened.
     *
     * @return a client sharing everything with this one, whose calls take no permit
     */
    public TatClient withPermitFromCaller() {
        return new TatClient(caller.withPermitFromCaller());
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
        Instant sentAt = caller.clock().instant();
        String hint = "Before invoking again, check whether command " + request.commandId() + " was started: look for an"
                + " invocation of it created at about " + sentAt.truncatedTo(ChronoUnit.SECONDS) + " in region " + region()
                + ", in the TAT console or with DescribeInvocations and the filter command-id=" + request.commandId() + ".";
        return caller.call(TatAction.INVOKE_COMMAND, request.toJson(), hint, (body, requestId) -> {
            InvokeCommandResponse response = InvokeCommandResponse.fromJson(body, requestId);
            if (!TatIds.isInvocationId(response.invocationId())) {
                throw ApiCaller.unusable(TatAction.INVOKE_COMMAND, "its InvocationId is missing or not of the form inv-xxxxxxxx"
                        + " (RequestId: " + requestId + ")", false);
            }
            return response;
        });
    }

    /**
     * Runs a script on instances, saving it as a command when the request says so.
     *
     * @param request the request; validated before anything is sent
     * @return the new InvocationId, the CommandId and the RequestId
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came; see {@link TatTransportException#mayHaveReachedServer()}
     * @throws InterruptedException if interrupted; the script may then have been started
     */
    public RunCommandResponse runCommand(RunCommandRequest request) throws InterruptedException {
        requireValid("RunCommand request", request.validate());
        Instant sentAt = caller.clock().instant();
        String hint = "Before running the script again, check whether it was started: look for an invocation"
                + request.commandName().map(n -> " of a command named " + Texts.shorten(n)).orElse("")
                + " created at about " + sentAt.truncatedTo(ChronoUnit.SECONDS) + " in region " + region()
                + ", in the TAT console or with DescribeInvocations.";
        return caller.call(TatAction.RUN_COMMAND, request.toJson(), hint, (body, requestId) -> {
            RunCommandResponse response = RunCommandResponse.fromJson(body, requestId);
            if (!TatIds.isInvocationId(response.invocationId())) {
                throw ApiCaller.unusable(TatAction.RUN_COMMAND, "its InvocationId is missing or not of the form inv-xxxxxxxx"
                        + " (RequestId: " + requestId + ")", false);
            }
            if (response.commandId() != null && !TatIds.isCommandId(response.commandId())) {
                throw ApiCaller.unusable(TatAction.RUN_COMMAND, "its CommandId is not of the form cmd-xxxxxxxx (RequestId: "
                        + requestId + ")", false);
            }
            return response;
        });
    }

    /**
     * Reads whether the TAT agents of instances are online. It is not polling: it counts against
     * the rate limit like the deployment it checks ({@link TatAction#isPolling()}).
     *
     * @param request by instance IDs (at most 100) or filters, one page
     * @return the page; instances TAT does not know are absent
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came after the retries allowed
     * @throws InterruptedException if interrupted
     */
    public DescribeAutomationAgentStatusResponse describeAutomationAgentStatus(DescribeAutomationAgentStatusRequest request)
            throws InterruptedException {
        return read(TatAction.DESCRIBE_AUTOMATION_AGENT_STATUS, request, DescribeAutomationAgentStatusResponse::fromJson);
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
        return read(TatAction.DESCRIBE_INVOCATIONS, request, DescribeInvocationsResponse::fromJson);
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
        return read(TatAction.DESCRIBE_INVOCATION_TASKS, request, DescribeInvocationTasksResponse::fromJson);
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
        return read(TatAction.DESCRIBE_COMMANDS, request, DescribeCommandsResponse::fromJson);
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
        return caller.call(TatAction.CANCEL_INVOCATION, request.toJson(), hint,
                (body, requestId) -> new CancelInvocationResponse(requestId));
    }

    @Override
    public String toString() {
        return "TatClient[" + endpoint() + ", region=" + region() + ", credentials=" + caller.credentials() + "]";
    }

    /** A Describe call: one page, whose items' IDs must have their documented forms. */
    private <Q extends DescribeRequest, R> R read(TatAction action, Q request, ApiCaller.ResponseReader<R> reader)
            throws InterruptedException {
        requireValid(action.apiName() + " request", request.validate());
        return caller.call(action, request.toJson(), null, (body, requestId) -> {
            R page = reader.read(body, requestId);
            if (!ResponseIds.wellFormed(page)) {
                throw ApiCaller.unusable(action, "an item's ID is not of its documented form (RequestId: " + requestId
                        + ")", true);
            }
            return page;
        });
    }

    private static void requireValid(String what, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(what, violations);
        }
    }

    /**
     * The executor for the JDK client's own work, best for an HTTP client given to
     * {@link Builder#httpClient}: see {@link ApiCaller#exchangeExecutor()}.
     *
     * @return an executor that runs each task at once, on the thread that hands it over
     */
    public static Executor exchangeExecutor() {
        return ApiCaller.exchangeExecutor();
    }

    /** Builds a {@link TatClient}. */
    public static final class Builder {
        private final CallerSettings settings = CallerSettings.of(TAT, DEFAULT_ENDPOINT);

        private Builder() {}

        /**
         * @param credential the API key (this or {@link #credentials} is required)
         * @return this builder
         */
        public Builder credential(ApiKey credential) {
            settings.credentials(credential);
            return this;
        }

        /**
         * @param provider where each request's key comes from, e.g. an {@link AssumedRoleCredentials}
         *     renewing a CAM role's temporary key (this or {@link #credential} is required)
         * @return this builder
         */
        public Builder credentials(CredentialProvider provider) {
            settings.credentials(provider);
            return this;
        }

        /**
         * @param region the region to act on, e.g. {@code ap-guangzhou} (required)
         * @return this builder
         */
        public Builder region(String region) {
            settings.region(region);
            return this;
        }

        /**
         * @param endpoint {@link #DEFAULT_ENDPOINT} (the default), {@link #INTERNATIONAL_ENDPOINT},
         *     a regional host such as {@code https://tat.ap-guangzhou.tencentcloudapi.com}, or a
         *     private deployment; scheme and host only
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            settings.endpoint(endpoint);
            return this;
        }

        /**
         * @param httpClient the HTTP client to use, e.g. one built by Jenkins' proxy configuration,
         *     best with {@code .executor(TatClient.exchangeExecutor())} (see there); by default one
         *     shared client with a 10 s connect timeout and that executor
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            settings.httpClient(httpClient);
            return this;
        }

        /**
         * @param clock the clock for {@code X-TC-Timestamp}, which must be within 5 minutes of
         *     the server's time
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.clock(clock);
            return this;
        }

        /**
         * @param language the language of the API's error messages, or {@code null} for the API's default
         * @return this builder
         */
        public Builder language(Language language) {
            settings.language(language);
            return this;
        }

        /**
         * How long one attempt may take, and so how long a whole call may take: a call, with its
         * retries, the waits between them and the waits for the rate limit, ends within the
         * request timeout times the attempts the {@link #retryPolicy} allows, but never later than
         * twice the request timeout ({@link ApiCaller#callBudget()}). With the defaults (60 s, 5
         * attempts) the longest call is 2 minutes: a server that never answers gets two attempts,
         * the second one with the time left. A client {@link TatClient#withDeadline with a
         * deadline} ends its calls by that deadline too, whichever comes first.
         *
         * @param timeout how long one attempt may take, from connecting to the last byte of the
         *     answer (default 60 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            settings.requestTimeout(timeout);
            return this;
        }

        /**
         * What to retry and how. Its attempts share the call's time: no attempt or retry starts
         * once the {@link #requestTimeout}'s bound on the whole call (at most twice the request
         * timeout) has passed, and each attempt gets at most the time left, so more attempts make
         * a call no longer, only more persistent against failures that come quickly.
         *
         * @param policy what to retry and how (default {@link RetryPolicy#standard()})
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            settings.retryPolicy(policy);
            return this;
        }

        /**
         * @param limiter the rate limiter; by default the one shared by all clients of this JVM
         *     with the same SecretId and region
         * @return this builder
         */
        public Builder rateLimiter(RequestRateLimiter limiter) {
            settings.rateLimiter(limiter);
            return this;
        }

        /**
         * @param maxBytes the largest answer read (default {@link #DEFAULT_MAX_RESPONSE_BYTES}); a
         *     larger one fails the call at once and is not retried
         * @return this builder
         */
        public Builder maxResponseBytes(long maxBytes) {
            settings.maxResponseBytes(maxBytes);
            return this;
        }

        /**
         * @param requestClient sent as {@code X-TC-RequestClient}, naming the caller
         * @return this builder
         */
        public Builder requestClient(String requestClient) {
            settings.requestClient(requestClient);
            return this;
        }

        /**
         * The settings so far, for a client of another Tencent Cloud API that goes the way TAT's
         * calls go ({@link StsClient#of}).
         *
         * @return a copy: changing it leaves this builder as it is
         */
        public CallerSettings callerSettings() {
            return settings.copy();
        }

        /**
         * @return the client
         * @throws InvalidRequestException if the credential is missing, or the region or endpoint
         *     is malformed
         */
        public TatClient build() {
            return new TatClient(settings.build("TAT client configuration"));
        }
    }
}
