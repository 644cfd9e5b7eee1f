package io.jenkins.plugins.tat.client.emulator;

/** The failures the emulator can inject, as recorded in {@link RecordedRequest#faults()}. */
public enum FaultKind {
    /** Answered {@code RequestLimitExceeded} because the test asked for it; nothing executed. */
    REQUEST_LIMIT_EXCEEDED,
    /** Answered {@code RequestLimitExceeded} by the rolling-window throttle; nothing executed. */
    THROTTLED,
    /** Answered with an API error envelope whose code the test chose; nothing executed. */
    API_ERROR,
    /** Answered HTTP 500 with a non-JSON body; nothing executed. */
    HTTP_500,
    /** Answered HTTP 200 with a body that is not JSON; nothing executed. */
    GARBAGE_BODY,
    /** Closed the connection without a response before doing anything. */
    DROP_BEFORE_ACTION,
    /** Executed the action (it took effect if it was valid), then closed without a response. */
    DROP_AFTER_ACTION,
    /** Waited before answering; the action was executed before the wait. */
    DELAY,
    /** Headers at once, then the (executed) answer one byte at a time. */
    SLOW_BODY,
    /** HTTP 200 and JSON-looking bytes that never end; nothing executed. */
    ENDLESS_BODY,
    /** A valid-looking answer of a chosen size, with or without Content-Length; nothing executed. */
    HUGE_BODY,
    /** HTTP 302 to a chosen location; nothing executed. */
    REDIRECT,
    /** The connection stays open and silent; nothing executed. */
    NO_ANSWER,
    /** HTTP 200 with a body of the test's choosing; nothing executed. */
    RAW_ANSWER
}
