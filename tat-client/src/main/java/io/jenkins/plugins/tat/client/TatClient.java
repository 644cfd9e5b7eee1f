package io.jenkins.plugins.tat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.jenkins.plugins.tat.client.http.AnswerReader;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.http.CappedBodyHandler;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.ResponseIds;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import io.jenkins.plugins.tat.client.http.SecretRedactor;
import io.jenkins.plugins.tat.client.rules.Endpoints;
import io.jenkins.plugins.tat.client.rules.Regions;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.signing.Tc3Request;
import io.jenkins.plugins.tat.client.signing.Tc3Signature;
import io.jenkins.plugins.tat.client.signing.Tc3Signer;
import io.jenkins.plugins.tat.client.text.Texts;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

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
 * ({@link InvalidRequestException}); signs with TC3-HMAC-SHA256 the exact bytes it sends; waits
 * for the shared per-key rate limit ({@link RequestRateLimiter}); and retries what
 * {@link RetryPolicy} allows. A call that may have run but gave no usable answer is never sent
 * again for InvokeCommand or CancelInvocation: it fails with a {@link TatTransportException}
 * saying the outcome is unknown and how to check it.
 *
 * <p>Every attempt has one deadline for connecting, the answer's headers and its whole body
 * ({@link Builder#requestTimeout}), and an answer larger than {@link Builder#maxResponseBytes} is
 * refused without being read further. Text from the server is treated as hostile: the client's
 * secrets are taken out of every field of an answer (as they are, base64- or URL-encoded), error
 * messages are capped and their invisible characters written out, and an answer whose RequestId,
 * error code or IDs do not have their documented forms counts as unusable. No exception but a
 * {@link TatException} (and {@link InterruptedException}) leaves a call.
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
     * SDKs send this form, and the value signed must equal the value sent (docs/dev/protocol.md §1).
     */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    /**
     * The default limit on an answer's size. A page of 100 tasks with 24 KB of output each, base64
     * encoded, is about 3.3 MB; 16 MB leaves room for longer error texts and future fields.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    /** What the API documents as a RequestId: a UUID (docs/dev/protocol.md §3). */
    private static final Pattern REQUEST_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Error codes: dotted words, e.g. {@code InvalidParameterValue.InvalidCommandId} (docs/dev/protocol.md §3). */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}(\\.[A-Za-z0-9_]{1,64}){0,3}");

    private static final Logger LOGGER = Logger.getLogger(TatClient.class.getName());

    private final CredentialProvider credentials;
    private final ApiProduct product;
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
    private final long maxResponseBytes;
    private final SecretRedactor redactor;
    private final Deadline deadline;
    /** Whether the caller takes and gives back each call's permit itself ({@link #withPermitFromCaller()}). */
    private final boolean permitFromCaller;

    private TatClient(Builder b, URI endpoint) {
        this.credentials = b.credentials;
        this.product = b.product;
        this.region = b.region;
        this.endpoint = endpoint;
        this.host = hostHeader(endpoint);
        this.httpClient = b.httpClient != null ? b.httpClient : DefaultHttpClient.INSTANCE;
        this.clock = b.clock;
        this.language = b.language;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RequestRateLimiter.shared(credentials.keyId(), region);
        this.requestClient = b.requestClient;
        this.maxResponseBytes = b.maxResponseBytes;
        this.redactor = new SecretRedactor(credentials);
        this.deadline = Deadline.none();
        this.permitFromCaller = false;
    }

    private TatClient(TatClient base, Deadline deadline, boolean permitFromCaller) {
        this.credentials = base.credentials;
        this.product = base.product;
        this.region = base.region;
        this.endpoint = base.endpoint;
        this.host = base.host;
        this.httpClient = base.httpClient;
        this.clock = base.clock;
        this.language = base.language;
        this.requestTimeout = base.requestTimeout;
        this.retryPolicy = base.retryPolicy;
        this.rateLimiter = base.rateLimiter;
        this.requestClient = base.requestClient;
        this.maxResponseBytes = base.maxResponseBytes;
        this.redactor = base.redactor;
        this.deadline = deadline;
        this.permitFromCaller = permitFromCaller;
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
     * @return the name of the key requests are signed with, the same while a temporary key is
     *     renewed ({@link CredentialProvider#keyId()}): an identifier, not a secret
     */
    public String keyId() {
        return credentials.keyId();
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
        return new TatClient(this, Objects.requireNonNull(deadline, "deadline"), permitFromCaller);
    }

    /**
     * The rate limiter this client's calls keep to: the one shared by the clients of its key and
     * region, unless the builder was given another.
     *
     * @return the limiter
     */
    public RequestRateLimiter rateLimiter() {
        return rateLimiter;
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
        return new TatClient(this, deadline, true);
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
        return call(TatAction.INVOKE_COMMAND, request.toJson(), hint, (body, requestId) -> {
            InvokeCommandResponse response = InvokeCommandResponse.fromJson(body, requestId);
            if (!TatIds.isInvocationId(response.invocationId())) {
                throw unusable(TatAction.INVOKE_COMMAND, "its InvocationId is missing or not of the form inv-xxxxxxxx"
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
        Instant sentAt = clock.instant();
        String hint = "Before running the script again, check whether it was started: look for an invocation"
                + request.commandName().map(n -> " of a command named " + Texts.shorten(n)).orElse("")
                + " created at about " + sentAt.truncatedTo(ChronoUnit.SECONDS) + " in region " + region
                + ", in the TAT console or with DescribeInvocations.";
        return call(TatAction.RUN_COMMAND, request.toJson(), hint, (body, requestId) -> {
            RunCommandResponse response = RunCommandResponse.fromJson(body, requestId);
            if (!TatIds.isInvocationId(response.invocationId())) {
                throw unusable(TatAction.RUN_COMMAND, "its InvocationId is missing or not of the form inv-xxxxxxxx"
                        + " (RequestId: " + requestId + ")", false);
            }
            if (response.commandId() != null && !TatIds.isCommandId(response.commandId())) {
                throw unusable(TatAction.RUN_COMMAND, "its CommandId is not of the form cmd-xxxxxxxx (RequestId: "
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
        return describe(TatAction.DESCRIBE_AUTOMATION_AGENT_STATUS, request, DescribeAutomationAgentStatusResponse::fromJson);
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
        return call(TatAction.CANCEL_INVOCATION, request.toJson(), hint,
                (body, requestId) -> new CancelInvocationResponse(requestId));
    }

    @Override
    public String toString() {
        return "TatClient[" + endpoint + ", region=" + region + ", credentials=" + credentials + "]";
    }

    private <Q extends DescribeRequest, R> R describe(TatAction action, Q request, ResponseReader<R> reader)
            throws InterruptedException {
        requireValid(action.apiName() + " request", request.validate());
        return call(action, request.toJson(), null, (body, requestId) -> {
            R page = reader.read(body, requestId);
            if (!ResponseIds.wellFormed(page)) {
                throw unusable(action, "an item's ID is not of its documented form (RequestId: " + requestId + ")", true);
            }
            return page;
        });
    }

    /** An answer that arrived but cannot be used; read-only actions may try again when it is worth it. */
    private static TatTransportException unusable(TatAction action, String why, boolean worthRetrying) {
        return new TatTransportException(action.apiName(), "TAT answered " + action.apiName() + " with a response that"
                + " cannot be used: " + why, true, 200, null, worthRetrying);
    }

    private static void requireValid(String what, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(what, violations);
        }
    }

    /**
     * Sends one request, with rate limiting and the retries the policy allows, and reads the answer.
     * Each attempt is signed with the key the provider gives then, so a temporary key renewed
     * meanwhile is used; the provider's own failure (no temporary key could be had) ends the call
     * as it is, nothing having been sent.
     */
    <R> R call(TatAction action, ObjectNode body, String outcomeHint, ResponseReader<R> reader)
            throws InterruptedException {
        byte[] bytes = ApiJson.write(body); // serialised once: these exact bytes are signed and sent
        List<TatException> earlier = new ArrayList<>();
        boolean renewedRefusedKey = false;
        for (int attempt = 1; ; attempt++) {
            if (deadline.hasPassed()) {
                TatException late = earlier.isEmpty()
                        ? new TatTransportException(action.apiName(), action.apiName() + " was not sent: the time"
                                + " allowed for it had passed", false, -1, null, false)
                        : explain(action, earlier.remove(earlier.size() - 1), attempt - 1, outcomeHint);
                earlier.forEach(late::addSuppressed);
                throw late;
            }
            TatException failure;
            boolean polling = action.isPolling();
            ApiKey key = credentials.current();
            if (!permitFromCaller) {
                rateLimiter.acquire(polling);
            }
            try {
                ApiResponse answer = sendOnce(action, bytes, attemptTimeout(), key);
                return reader.read(answer.body(), answer.requestId());
            } catch (TatException e) {
                failure = e;
            } catch (RuntimeException e) {
                // A reader meeting something the API never sends. The answer's text is not quoted.
                failure = unusable(action, "it could not be read (" + e.getClass().getSimpleName() + ")", true);
            } finally {
                if (!permitFromCaller) {
                    rateLimiter.release(polling); // the limiter counts each request from its end (see there)
                }
            }
            if (!renewedRefusedKey && refusedTemporaryKey(failure, key) && credentials.refused(key) && !permitFromCaller) {
                // The API refused the token before acting on the request (authentication comes
                // first), so sending it again with a new key is safe for every action; once.
                renewedRefusedKey = true;
                earlier.add(failure);
                continue;
            }
            Duration wait = retryPolicy.backoff(attempt);
            boolean timeLeft = wait.compareTo(deadline.remaining()) < 0; // no retry starts past the deadline
            if (permitFromCaller || !timeLeft || !retryPolicy.shouldRetry(action, failure, attempt)) {
                TatException reported = explain(action, failure, attempt, outcomeHint);
                earlier.forEach(reported::addSuppressed);
                throw reported;
            }
            LOGGER.log(Level.FINE, "{0} attempt {1} failed ({2}); retrying in {3} ms",
                    new Object[] {action.apiName(), attempt, failure.getMessage(), wait.toMillis()});
            earlier.add(failure);
            Thread.sleep(wait.toMillis());
        }
    }

    /**
     * A temporary key whose token the API no longer takes: it expired sooner than it was issued to
     * (a clock that jumped, a session revoked) or was replaced. The common code for a bad token
     * is {@code AuthFailure.TokenFailure} (docs/dev/protocol.md §3.1, §9).
     */
    private static boolean refusedTemporaryKey(TatException failure, ApiKey key) {
        return key.hasSessionToken() && failure instanceof TencentCloudApiException api
                && api.errorCode().equals("AuthFailure.TokenFailure");
    }

    /** Turns the last failure into the one reported, adding what the caller needs to know. */
    private static TatException explain(TatAction action, TatException failure, int attempts, String outcomeHint) {
        if (failure instanceof TatTransportException transport) {
            String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
            boolean worth = transport.worthRetrying();
            if (!transport.mayHaveReachedServer()) {
                return new TatTransportException(action.apiName(), transport.getMessage() + tries
                        + ". The request did not reach the server.", false, transport.httpStatus(), transport.getCause(),
                        worth);
            }
            if (!action.isReadOnly()) {
                return new TatTransportException(action.apiName(), "Outcome unknown: " + action.apiName()
                        + " may have reached TAT, but no usable answer came back: " + transport.getMessage() + ". It was not"
                        + " sent again, because a second " + action.apiName() + " would act twice. " + outcomeHint,
                        true, transport.httpStatus(), transport.getCause(), worth);
            }
            return new TatTransportException(action.apiName(), transport.getMessage() + tries, true,
                    transport.httpStatus(), transport.getCause(), worth);
        }
        return failure;
    }

    /** The time one attempt may take: the request timeout, or what is left before the deadline. */
    private Duration attemptTimeout() {
        Duration left = deadline.remaining();
        Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
        return timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }

    /** One attempt: sign with the current time and the key, send, read the envelope, all within {@code timeout}. */
    private ApiResponse sendOnce(TatAction action, byte[] body, Duration timeout, ApiKey key)
            throws InterruptedException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", CONTENT_TYPE);
        signed.put("Host", host);
        signed.put("X-TC-Action", action.apiName());
        Tc3Signature signature = Tc3Signer.sign(Tc3Request.post(signed, body), product.service(), key.secretId(),
                key.secretKey(), timestamp);

        HttpRequest request;
        try {
            HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                    // HTTP/1.1 so that the Host header signed is the one sent, on every JDK and proxy.
                    .version(HttpClient.Version.HTTP_1_1)
                    .timeout(timeout)
                    .header("Content-Type", CONTENT_TYPE)
                    .header("Authorization", signature.authorization())
                    .header("X-TC-Action", action.apiName())
                    .header("X-TC-Version", product.version())
                    .header("X-TC-Timestamp", Long.toString(timestamp))
                    .header("X-TC-Region", region)
                    .header("X-TC-RequestClient", requestClient)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            key.sessionToken().ifPresent(token -> http.header("X-TC-Token", token));
            if (language != null) {
                http.header("X-TC-Language", language.headerValue());
            }
            request = http.build();
        } catch (IllegalArgumentException e) {
            // The JDK quotes a refused header value in its message, and the value may be a secret.
            throw new TatTransportException(action.apiName(), "The " + action.apiName() + " request could not be"
                    + " built: the JDK refused one of its headers", false, -1, null, false);
        }

        HttpResponse<CappedBodyHandler.Body> response = exchange(action, request, deadlineNanos, timeout);
        try (CappedBodyHandler.Body answer = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                // The SDKs read Response.Error only from HTTP 200; any other status is a transport
                // failure, possibly from a proxy or gateway after the API saw the request (§3). A
                // redirect is not followed: the signature covers the Host, and a request meant for TAT
                // must not go elsewhere. Only statuses that say "later" are worth another try.
                boolean redirect = status >= 300 && status < 400;
                boolean passing = status == 408 || status == 429 || status >= 500;
                answer.finish(); // read and dropped, so that the connection may serve the next request
                throw new TatTransportException(action.apiName(), "TAT answered HTTP " + status + " instead of 200"
                        + (redirect ? " (a redirect, which is not followed: check the TAT endpoint in the global"
                                + " configuration and any proxy)" : ""), true, status, null, passing);
            }
            return readEnvelope(action, answer, timeout);
        }
    }

    /**
     * Sends the request and waits for the answer's headers. {@code HttpClient.send} runs the
     * exchange on this thread as far as it can and wakes it once the headers have come, where
     * {@code sendAsync} would hand the exchange to the client's executor and its result to the
     * common pool: two more thread hand-offs a call, which cost most on a busy controller. The
     * request's own timeout bounds the wait for the headers; the body is read by this thread too,
     * by the same deadline ({@link CappedBodyHandler}).
     */
    private HttpResponse<CappedBodyHandler.Body> exchange(TatAction action, HttpRequest request, long deadlineNanos,
            Duration timeout) throws InterruptedException {
        try {
            return httpClient.send(request, new CappedBodyHandler(maxResponseBytes, deadlineNanos));
        } catch (IOException e) {
            throw transportFailure(action, unwrapped(e), timeout);
        } catch (RuntimeException e) {
            throw new TatTransportException(action.apiName(), "The " + action.apiName() + " request could not be sent ("
                    + e.getClass().getSimpleName() + ")", false, -1, null, false);
        }
    }

    /**
     * {@code HttpClient.send} rethrows most failures as a plain {@code IOException} with the real
     * one as its cause (it keeps the type only of timeouts, refused connections and TLS failures).
     */
    private static IOException unwrapped(IOException e) {
        return e.getClass() == IOException.class && e.getCause() instanceof IOException cause ? cause : e;
    }

    private TatTransportException transportFailure(TatAction action, IOException e, Duration timeout) {
        String cause = describe(e);
        // Only a failure to connect proves the request was never sent. A timeout or a broken
        // connection after sending may have left the action done on the server.
        boolean notSent = e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e instanceof SSLHandshakeException;
        String message = notSent
                ? "Could not connect to TAT at " + endpoint + " for " + action.apiName() + ": " + cause
                : e instanceof HttpTimeoutException
                        ? noCompleteAnswer(action, timeout)
                        : "The connection to TAT at " + endpoint + " failed during " + action.apiName() + ": " + cause;
        return new TatTransportException(action.apiName(), message, !notSent, -1, revealsNothing(e) ? e : null);
    }

    /** Whether an exception and its causes are free of the client's secrets, so that it may be passed on. */
    private boolean revealsNothing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (redactor.reveals(t.toString())) {
                return false;
            }
        }
        return true;
    }

    private String noCompleteAnswer(TatAction action, Duration timeout) {
        return "No complete answer from TAT at " + endpoint + " for " + action.apiName() + " within " + durationText(timeout);
    }

    /** A duration in whole seconds, or in milliseconds when it is not a whole number of seconds. */
    private static String durationText(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Reads the answer as it arrives, and its envelope: RequestId, and the API's error if it sent one. */
    private ApiResponse readEnvelope(TatAction action, CappedBodyHandler.Body body, Duration timeout)
            throws InterruptedException {
        JsonNode response;
        try {
            JsonNode root = AnswerReader.read(body, redactor::decodeOutput);
            response = root == null ? null : root.get("Response");
            body.finish();
        } catch (CappedBodyHandler.TooLargeException tooLarge) {
            throw new TatTransportException(action.apiName(), "TAT's answer to " + action.apiName() + " was refused: "
                    + tooLarge.getMessage() + ", the client's limit; the rest was not read", true, 200, null, false);
        } catch (CappedBodyHandler.BodyTimeoutException e) {
            throw new TatTransportException(action.apiName(), noCompleteAnswer(action, timeout), true, -1, null);
        } catch (InterruptedIOException e) {
            Thread.interrupted(); // the stream kept the interrupt for this: it is told by the exception now
            throw new InterruptedException("interrupted while reading TAT's answer to " + action.apiName());
        } catch (JsonProcessingException e) {
            response = null; // not JSON, or cut short: not a TAT response
        } catch (IOException e) {
            throw transportFailure(action, e, timeout); // the connection failed while the body came
        }
        if (response == null || !response.isObject()) {
            throw new TatTransportException(action.apiName(), "TAT answered HTTP 200 with a body that is not a TAT"
                    + " response (" + body.received() + " bytes)", true, 200, null);
        }
        redactor.redactTree(response);
        String requestId = ApiJson.text(response, "RequestId");
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            throw unusable(action, "its RequestId is missing or not a request ID", true);
        }
        JsonNode error = response.get("Error");
        if (error != null && !error.isNull()) {
            String code = error.isObject() ? ApiJson.text(error, "Code") : null;
            if (code == null || !ERROR_CODE.matcher(code).matches()) {
                throw unusable(action, "its error has no code, or one that is not a TAT error code (RequestId: "
                        + requestId + ")", true);
            }
            String message = ApiJson.text(error, "Message");
            throw new TencentCloudApiException(action.apiName(), code, message == null ? null : Texts.serverText(message),
                    requestId);
        }
        return new ApiResponse(response, requestId);
    }

    /** An I/O failure for a message: its class and message, secrets taken out, made visible and capped. */
    private String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
        return Texts.serverText(redactor.redact(text));
    }

    private static String hostHeader(URI endpoint) {
        // What java.net.http sends as Host: the host, plus the port unless it is the default.
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || port == ("https".equals(endpoint.getScheme()) ? 443 : 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    private record ApiResponse(JsonNode body, String requestId) {}

    @FunctionalInterface
    interface ResponseReader<R> {
        R read(JsonNode body, String requestId);
    }

    /**
     * The API a client speaks: the service in the TC3 credential scope and the version it sends.
     * TAT's for every public client; {@link StsClient} builds one for STS, so that STS calls go
     * the same way as TAT's (signing, rate limit, retries, hostile-answer checks).
     */
    record ApiProduct(String service, String version) {
        static final ApiProduct TAT = new ApiProduct(SERVICE, API_VERSION);
    }

    /**
     * The executor for the JDK client's own work (reading answers, completing exchanges), which
     * TatClient's answers need no thread for: the client's selector thread does that work itself,
     * and the thread that sent the request is woken once, when the answer's headers have come. The
     * default, a thread pool, would add a hand-off between threads at each step of every exchange,
     * and each hand-off waits for a free CPU when the controller is busy. What runs on the selector
     * thread is short: TatClient's body subscriber only queues the buffers that arrive
     * ({@link CappedBodyHandler}), the caller's thread parses them.
     *
     * @return an executor that runs each task at once, on the thread that hands it over
     */
    public static Executor exchangeExecutor() {
        return Runnable::run;
    }

    /** One HTTP client for every TatClient built without one; it is thread-safe and pools connections. */
    private static final class DefaultHttpClient {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(exchangeExecutor())
                .build();
    }

    /** Builds a {@link TatClient}. */
    public static final class Builder {
        private CredentialProvider credentials;
        private ApiProduct product = ApiProduct.TAT;
        private String region;
        private URI endpoint = DEFAULT_ENDPOINT;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Language language;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.standard();
        private RequestRateLimiter rateLimiter;
        private String requestClient = "tencentcloud-tat-jenkins";
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {}

        /**
         * @param credential the API key (this or {@link #credentials} is required)
         * @return this builder
         */
        public Builder credential(ApiKey credential) {
            this.credentials = credential;
            return this;
        }

        /**
         * @param provider where each request's key comes from, e.g. an {@link AssumedRoleCredentials}
         *     renewing a CAM role's temporary key (this or {@link #credential} is required)
         * @return this builder
         */
        public Builder credentials(CredentialProvider provider) {
            this.credentials = provider;
            return this;
        }

        /** For {@link StsClient}: a builder with the same settings, to change some of them. */
        Builder copy() {
            Builder b = new Builder();
            b.credentials = credentials;
            b.product = product;
            b.region = region;
            b.endpoint = endpoint;
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

        /** For {@link StsClient}: the region set, or {@code null}. */
        String regionSetting() {
            return region;
        }

        /** For {@link StsClient}: the endpoint set, or TAT's default. */
        URI endpointSetting() {
            return endpoint;
        }

        /** For {@link StsClient}: the clock set, or the system's. */
        Clock clockSetting() {
            return clock;
        }

        /** For {@link StsClient}: the API to speak, TAT's unless set. */
        Builder product(ApiProduct product) {
            this.product = Objects.requireNonNull(product, "product");
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
         * @param httpClient the HTTP client to use, e.g. one built by Jenkins' proxy configuration,
         *     best with {@code .executor(TatClient.exchangeExecutor())} (see there); by default one
         *     shared client with a 10 s connect timeout and that executor
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
         * @param timeout how long one attempt may take, from connecting to the last byte of the
         *     answer (default 60 s)
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
         * @param maxBytes the largest answer read (default {@link #DEFAULT_MAX_RESPONSE_BYTES}); a
         *     larger one fails the call at once and is not retried
         * @return this builder
         */
        public Builder maxResponseBytes(long maxBytes) {
            this.maxResponseBytes = maxBytes;
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
