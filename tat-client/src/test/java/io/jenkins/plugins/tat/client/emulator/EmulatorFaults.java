package io.jenkins.plugins.tat.client.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Switches for the failures a client must survive. Each switch applies to the next N requests
 * (of any action, or of one action after {@link #forAction}); the requests are counted as they
 * arrive, whatever they contain. Methods return this object so switches can be chained.
 *
 * <p>Where in the request's path each fault strikes:
 * <ul>
 *   <li>{@link #dropBeforeAction}, {@link #http500}, {@link #garbageBody},
 *       {@link #requestLimitExceeded} and {@link #apiError} replace the service: the action is
 *       not executed.</li>
 *   <li>{@link #dropAfterAction} lets the service execute the action (if the request is valid,
 *       it takes effect), then closes the connection without a response.</li>
 *   <li>{@link #delay} lets the service execute the action, then waits before responding.</li>
 *   <li>{@link #throttlePerSecond} refuses, with {@code RequestLimitExceeded}, requests beyond
 *       the limit in a rolling one-second window per action.</li>
 *   <li>A hostile server or proxy: {@link #slowBody} executes, then trickles the answer;
 *       {@link #endlessBody}, {@link #hugeBody}, {@link #redirect}, {@link #noAnswer} and
 *       {@link #answer} replace the service.</li>
 * </ul>
 */
public final class EmulatorFaults {

    private final FaultBoard board;
    private final String action;

    EmulatorFaults(FaultBoard board, String action) {
        this.board = board;
        this.action = action;
    }

    /**
     * @param actionName an X-TC-Action, e.g. {@code InvokeCommand}
     * @return switches that apply only to requests for that action
     */
    public EmulatorFaults forAction(String actionName) {
        return new EmulatorFaults(board, Objects.requireNonNull(actionName));
    }

    /**
     * @param requests how many requests answer {@code RequestLimitExceeded} (HTTP 200, error envelope)
     * @return this
     */
    public EmulatorFaults requestLimitExceeded(int requests) {
        board.arm(FaultKind.REQUEST_LIMIT_EXCEEDED, action, requests, Duration.ZERO);
        return this;
    }

    /**
     * Answers the next requests with an API error of the test's choosing, e.g.
     * {@code InternalError}, {@code ServiceUnavailable} or {@code UnauthorizedOperation.CamAuthFailed}
     * (HTTP 200, error envelope, docs/dev/protocol.md §3); nothing is executed.
     *
     * @param errorCode the code to answer
     * @param requests how many requests answer it
     * @return this
     */
    public EmulatorFaults apiError(String errorCode, int requests) {
        board.arm(FaultKind.API_ERROR, action, requests, Duration.ZERO, Objects.requireNonNull(errorCode), null);
        return this;
    }

    /**
     * Like {@link #apiError(String, int)}, with the Error.Message of the test's choosing: the
     * service's messages quote parts of the request back (IDs, header values), so a client must
     * treat them as untrusted text, e.g. redact secrets from them.
     *
     * @param errorCode the code to answer
     * @param message the Error.Message to answer
     * @param requests how many requests answer it
     * @return this
     */
    public EmulatorFaults apiError(String errorCode, String message, int requests) {
        board.arm(FaultKind.API_ERROR, action, requests, Duration.ZERO, Objects.requireNonNull(errorCode),
                Objects.requireNonNull(message));
        return this;
    }

    /**
     * @param requests how many requests answer HTTP 500 with a plain-text body
     * @return this
     */
    public EmulatorFaults http500(int requests) {
        board.arm(FaultKind.HTTP_500, action, requests, Duration.ZERO);
        return this;
    }

    /**
     * @param requests how many requests answer HTTP 200 with a body that is not JSON
     * @return this
     */
    public EmulatorFaults garbageBody(int requests) {
        board.arm(FaultKind.GARBAGE_BODY, action, requests, Duration.ZERO);
        return this;
    }

    /**
     * @param requests how many requests are read and then dropped unanswered, without executing
     * @return this
     */
    public EmulatorFaults dropBeforeAction(int requests) {
        board.arm(FaultKind.DROP_BEFORE_ACTION, action, requests, Duration.ZERO);
        return this;
    }

    /**
     * @param requests how many requests are executed and then dropped unanswered
     * @return this
     */
    public EmulatorFaults dropAfterAction(int requests) {
        board.arm(FaultKind.DROP_AFTER_ACTION, action, requests, Duration.ZERO);
        return this;
    }

    /**
     * Delays the response to the next request (after executing it), e.g. to make a client's read
     * timeout fire.
     *
     * @param delay how long to wait before responding
     * @return this
     */
    public EmulatorFaults delay(Duration delay) {
        return delay(delay, 1);
    }

    /**
     * @param delay how long to wait before responding
     * @param requests how many requests to delay
     * @return this
     */
    public EmulatorFaults delay(Duration delay, int requests) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        board.arm(FaultKind.DELAY, action, requests, delay);
        return this;
    }

    /**
     * Executes the request, sends the headers with the true Content-Length at once, then the
     * answer one byte per {@code perByte}: a client that waits only for the headers waits for ever.
     *
     * @param perByte the pause before each byte of the body
     * @param requests how many requests answer so
     * @return this
     */
    public EmulatorFaults slowBody(Duration perByte, int requests) {
        board.arm(FaultKind.SLOW_BODY, action, requests, new FaultBoard.Detail(null, 0, false, perByte));
        return this;
    }

    /**
     * @param requests how many requests get HTTP 200 and a JSON-looking body that never ends, as
     *     fast as the client reads it (no Content-Length); nothing is executed
     * @return this
     */
    public EmulatorFaults endlessBody(int requests) {
        board.arm(FaultKind.ENDLESS_BODY, action, requests, FaultBoard.Detail.NONE);
        return this;
    }

    /**
     * @param bytes the size of the answer, a well-formed envelope padded to that size
     * @param declareLength whether to send its Content-Length
     * @param requests how many requests get it; nothing is executed
     * @return this
     */
    public EmulatorFaults hugeBody(long bytes, boolean declareLength, int requests) {
        board.arm(FaultKind.HUGE_BODY, action, requests, new FaultBoard.Detail(null, bytes, declareLength, Duration.ZERO));
        return this;
    }

    /**
     * @param location the Location header of an HTTP 302
     * @param requests how many requests are redirected; nothing is executed
     * @return this
     */
    public EmulatorFaults redirect(String location, int requests) {
        board.arm(FaultKind.REDIRECT, action, requests,
                new FaultBoard.Detail(Objects.requireNonNull(location), 0, false, Duration.ZERO));
        return this;
    }

    /**
     * @param requests how many requests are read and then answered with silence, the connection
     *     held open (for ten minutes, or until the client or the emulator closes it); nothing is executed
     * @return this
     */
    public EmulatorFaults noAnswer(int requests) {
        board.arm(FaultKind.NO_ANSWER, action, requests, FaultBoard.Detail.NONE);
        return this;
    }

    /**
     * Answers HTTP 200 with exactly this body, e.g. an envelope with a forged RequestId, an error
     * code with a line break, or a secret echoed back; nothing is executed.
     *
     * @param body the body to send
     * @param requests how many requests answer it
     * @return this
     */
    public EmulatorFaults answer(String body, int requests) {
        board.arm(FaultKind.RAW_ANSWER, action, requests,
                new FaultBoard.Detail(Objects.requireNonNull(body), 0, false, Duration.ZERO));
        return this;
    }

    /**
     * Turns on rate limiting: per action, at most {@code maxRequests} requests in any rolling
     * second of the emulator clock; TAT's documented limit is 20 (docs/dev/protocol.md §4).
     *
     * @param maxRequests requests admitted per second
     * @return this
     */
    public EmulatorFaults throttlePerSecond(int maxRequests) {
        board.throttle(action, maxRequests);
        return this;
    }

    /**
     * Turns rate limiting off again (for this view's action, or the default for all actions).
     *
     * @return this
     */
    public EmulatorFaults throttleOff() {
        board.throttle(action, null);
        return this;
    }

    /** Disarms every fault and turns throttling off, for all actions. */
    public void clear() {
        board.clear();
    }
}
