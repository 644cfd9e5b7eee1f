package io.jenkins.plugins.tat.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.Deadline;
import io.jenkins.plugins.tat.client.Language;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends the actions of one Tencent Cloud API (a service name and version) and reads their
 * answers, as the official SDKs' {@code AbstractClient} does; the façades
 * ({@link io.jenkins.plugins.tat.client.TatClient}, {@link io.jenkins.plugins.tat.client.StsClient})
 * only name their actions.
 *
 * <p>A call signs with TC3-HMAC-SHA256 the exact bytes it sends, with the key the provider gives
 * at each attempt; waits for the shared per-key rate limit ({@link RequestRateLimiter}); retries
 * what {@link RetryPolicy} allows; bounds each attempt (connecting, the headers, the whole body)
 * by the request timeout, and the whole call, the wait for the rate limit included, by
 * {@link #callBudget()} or the caller's {@link #withDeadline deadline}, whichever comes first;
 * refuses an answer larger than its limit ({@link CappedBodyHandler});
 * checks the envelope (a RequestId that is a request ID, an error code of the documented shape);
 * takes the client's secrets out of everything an answer or a failure carries
 * ({@link SecretRedactor}); and explains a failure for the person who reads it, including, for an
 * action that must not be sent twice, that its outcome is unknown and how to check it.
 *
 * <p>Instances are immutable and thread-safe. No exception but a {@link TatException} (and
 * {@link InterruptedException}) leaves a call.
 */
public final class ApiCaller {

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
    /** The default time one attempt may take. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** A call takes at most this many request timeouts in all ({@link #callBudget()}). */
    public static final int MAX_ATTEMPTS_OF_TIME = 2;

    /** What the API documents as a RequestId: a UUID (docs/dev/protocol.md §3). */
    private static final Pattern REQUEST_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Error codes: dotted words, e.g. {@code InvalidParameterValue.InvalidCommandId} (docs/dev/protocol.md §3). */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}(\\.[A-Za-z0-9_]{1,64}){0,3}");

    private static final Logger LOGGER = Logger.getLogger(ApiCaller.class.getName());

    private final CredentialProvider credentials;
    private final Product product;
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

    ApiCaller(CallerSettings b, URI endpoint) {
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

    private ApiCaller(ApiCaller base, Deadline deadline, boolean permitFromCaller) {
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

    /** @return the region requests act on */
    public String region() {
        return region;
    }

    /** @return the endpoint requests go to */
    public URI endpoint() {
        return endpoint;
    }

    /** @return where each request's key comes from */
    public CredentialProvider credentials() {
        return credentials;
    }

    /** @return the clock requests are stamped with */
    public Clock clock() {
        return clock;
    }

    /**
     * @param deadline when calls must have ended
     * @return a caller sharing everything with this one but the deadline
     */
    public ApiCaller withDeadline(Deadline deadline) {
        return new ApiCaller(this, Objects.requireNonNull(deadline, "deadline"), permitFromCaller);
    }

    /** @return the rate limiter this caller's calls keep to */
    public RequestRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /**
     * A caller like this one that leaves the rate limiter to its caller: each call takes no permit
     * and makes one attempt only (a retry would need a permit of its own).
     *
     * @return a caller sharing everything with this one, whose calls take no permit
     */
    public ApiCaller withPermitFromCaller() {
        return new ApiCaller(this, deadline, true);
    }

    /**
     * Sends one action, with rate limiting and the retries the policy allows, and reads the answer.
     * Each attempt is signed with the key the provider gives then, so a temporary key renewed
     * meanwhile is used; the provider's own failure (no temporary key could be had) ends the call
     * as it is, nothing having been sent.
     *
     * @param action the action
     * @param body the request's JSON, sent as it is
     * @param outcomeHint for an action that is not read-only: how to find out whether it was done
     *     when its outcome is unknown; {@code null} for read-only ones
     * @param reader turns the envelope's {@code Response} into the result; a {@link TatException}
     *     it throws (e.g. {@link #unusable}) is the attempt's failure, and any other exception makes
     *     the answer unusable
     * @param <R> the result
     * @return the result
     * @throws TatException if the call failed; see {@link TatTransportException#mayHaveReachedServer()}
     * @throws InterruptedException if interrupted; an action may then have been done
     */
    public <R> R call(TatAction action, ObjectNode body, String outcomeHint, ResponseReader<R> reader)
            throws InterruptedException {
        byte[] bytes = ApiJson.write(body); // serialised once: these exact bytes are signed and sent
        long start = System.nanoTime();
        Deadline callDeadline = deadline.earlier(Deadline.after(callBudget()));
        List<TatException> earlier = new ArrayList<>();
        boolean renewedRefusedKey = false;
        for (int attempt = 1; ; attempt++) {
            if (callDeadline.hasPassed()) {
                TatException late = earlier.isEmpty()
                        ? new TatTransportException(action.apiName(), action.apiName() + " was not sent: the time"
                                + " allowed for it had passed", false, -1, null, false)
                        : explain(action, earlier.remove(earlier.size() - 1), attempt - 1, start, outcomeHint);
                earlier.forEach(late::addSuppressed);
                throw late;
            }
            TatException failure;
            boolean polling = action.isPolling();
            ApiKey key = credentials.current();
            if (!permitFromCaller && !rateLimiter.acquire(polling, callDeadline)) {
                TatException gaveUp = noPermit(action, start);
                earlier.forEach(gaveUp::addSuppressed);
                throw gaveUp;
            }
            try {
                Envelope answer = sendOnce(action, bytes, attemptTimeout(callDeadline), key);
                try {
                    return reader.read(answer.body(), answer.requestId());
                } catch (MalformedAnswerException e) {
                    throw unusable(action, e.getMessage() + " (RequestId: " + answer.requestId() + ")", true);
                }
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
            // A refused token is renewed either way (refused() does it), so that the next call has the
            // new key; it is resent here only when this caller holds its own permits.
            if (!renewedRefusedKey && refusedTemporaryKey(failure, key) && credentials.refused(key) && !permitFromCaller) {
                // The API refused the token before acting on the request (authentication comes
                // first), so sending it again with a new key is safe for every action; once.
                renewedRefusedKey = true;
                earlier.add(failure);
                continue;
            }
            Duration wait = retryPolicy.backoff(attempt);
            boolean timeLeft = wait.compareTo(callDeadline.remaining()) < 0; // no retry starts past the deadline
            if (permitFromCaller || !timeLeft || !retryPolicy.shouldRetry(action, failure, attempt)) {
                TatException reported = explain(action, failure, attempt, start, outcomeHint);
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
     * The longest a call may take, its attempts, the waits between them and the waits for the rate
     * limit included: the request timeout times the attempts allowed, but at most twice the
     * request timeout. So a server that never answers costs a read-only call two attempts (the
     * second one gets what is left), not five full timeouts and the backoff between them; failures
     * that come quickly (a refusal for the rate limit) still get every attempt of the policy.
     *
     * @return {@link #MAX_ATTEMPTS_OF_TIME} request timeouts, or fewer if the policy allows fewer
     *     attempts
     */
    public Duration callBudget() {
        return requestTimeout.multipliedBy(Math.min(retryPolicy.maxAttempts(), MAX_ATTEMPTS_OF_TIME));
    }

    /** The rate limit had no permit for the call before its deadline: nothing was sent. */
    private TatTransportException noPermit(TatAction action, long start) {
        return new TatTransportException(action.apiName(), action.apiName() + " was not sent: the rate limit of TAT"
                + " requests for this key and region gave it no turn within the time allowed for the call ("
                + roughly(elapsedSince(start)) + "). Many requests of the same key are under way; nothing was"
                + " changed, and the call may be made again later.", false, -1, null, false);
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * An answer that arrived but cannot be used.
     *
     * @param action the action answered
     * @param why what is wrong with it, in words that quote nothing of the answer
     * @param worthRetrying whether asking again could give a usable answer; read-only actions are
     *     then sent again
     * @return the failure
     */
    public static TatTransportException unusable(TatAction action, String why, boolean worthRetrying) {
        return new TatTransportException(action.apiName(), "TAT answered " + action.apiName() + " with a response that"
                + " cannot be used: " + why, true, 200, null, worthRetrying);
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
    private static TatException explain(TatAction action, TatException failure, int attempts, long start,
            String outcomeHint) {
        if (failure instanceof TatTransportException transport) {
            String tries = attempts > 1
                    ? " (after " + attempts + " attempts, " + roughly(elapsedSince(start))
                            + " in all)"
                    : "";
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
            return new TatTransportException(action.apiName(), transport.getMessage() + tries + ". " + action.apiName()
                    + " only reads, so nothing was changed: it is safe to call again.", true, transport.httpStatus(),
                    transport.getCause(), worth);
        }
        return failure;
    }

    /** A time taken, for a message: in whole seconds from about a second on, else in milliseconds. */
    private static String roughly(Duration d) {
        return d.toMillis() < 950 ? d.toMillis() + " ms" : d.plusMillis(500).getSeconds() + " s";
    }

    /**
     * The time one attempt may take: the request timeout, or what is left before the call's
     * deadline, in whole milliseconds rounded up (a first attempt starts some microseconds after
     * its call, and still gets the whole request timeout).
     */
    private Duration attemptTimeout(Deadline callDeadline) {
        Duration left = Duration.ofMillis((callDeadline.remaining().toNanos() + 999_999) / 1_000_000);
        Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
        return timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }

    /** One attempt: sign with the current time and the key, send, read the envelope, all within {@code timeout}. */
    private Envelope sendOnce(TatAction action, byte[] body, Duration timeout, ApiKey key) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        HttpRequest request = signedRequest(action, body, timeout, key);
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

    /** The HTTP request of one attempt, signed with the current time and the key. */
    private HttpRequest signedRequest(TatAction action, byte[] body, Duration timeout, ApiKey key) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", CONTENT_TYPE);
        signed.put("Host", host);
        signed.put("X-TC-Action", action.apiName());
        Tc3Signature signature = Tc3Signer.sign(Tc3Request.post(signed, body), product.service(), key.secretId(),
                key.secretKey(), timestamp);
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
            return http.build();
        } catch (IllegalArgumentException e) {
            // The JDK quotes a refused header value in its message, and the value may be a secret.
            throw new TatTransportException(action.apiName(), "The " + action.apiName() + " request could not be"
                    + " built: the JDK refused one of its headers", false, -1, null, false);
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
        String cause = failureText(e);
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
    private Envelope readEnvelope(TatAction action, CappedBodyHandler.Body body, Duration timeout)
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
        return new Envelope(response, requestId);
    }

    /** An I/O failure for a message: its class and message, secrets taken out, made visible and capped. */
    private String failureText(Throwable e) {
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

    @Override
    public String toString() {
        return "ApiCaller[" + product.service() + " " + endpoint + ", region=" + region + ", credentials=" + credentials
                + "]";
    }

    /** The {@code Response} object of an answer that passed the envelope checks, and its RequestId. */
    private record Envelope(JsonNode body, String requestId) {}

    /**
     * Reads the {@code Response} object of a usable answer.
     *
     * @param <R> the result
     */
    @FunctionalInterface
    public interface ResponseReader<R> {
        /**
         * @param body the {@code Response} object, secrets already taken out
         * @param requestId its RequestId, of the documented form
         * @return the result
         */
        R read(JsonNode body, String requestId);
    }

    /**
     * The API a caller speaks: the service in the TC3 credential scope and the version it sends
     * as {@code X-TC-Version}.
     *
     * @param service e.g. {@code tat}
     * @param version e.g. {@code 2020-10-28}
     */
    public record Product(String service, String version) {
        /**
         * @param service the service name
         * @param version the API version
         */
        public Product {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The executor for the JDK client's own work (reading answers, completing exchanges), which
     * the caller's answers need no thread for: the client's selector thread does that work itself,
     * and the thread that sent the request is woken once, when the answer's headers have come. The
     * default, a thread pool, would add a hand-off between threads at each step of every exchange,
     * and each hand-off waits for a free CPU when the controller is busy. What runs on the selector
     * thread is short: the body subscriber only queues the buffers that arrive
     * ({@link CappedBodyHandler}), the caller's thread parses them.
     *
     * @return an executor that runs each task at once, on the thread that hands it over
     */
    public static Executor exchangeExecutor() {
        return Runnable::run;
    }

    /** One HTTP client for every caller built without one; it is thread-safe and pools connections. */
    private static final class DefaultHttpClient {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(exchangeExecutor())
                .build();
    }
}
