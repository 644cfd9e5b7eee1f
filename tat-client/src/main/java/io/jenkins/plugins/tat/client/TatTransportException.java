package io.jenkins.plugins.tat.client;

import io.jenkins.plugins.tat.client.http.RetryPolicy;

/**
 * No usable answer came back for a request: the connection failed or timed out, the server
 * answered with an HTTP status other than 200, or the body was not a TAT response envelope.
 *
 * <p>{@link #mayHaveReachedServer()} says whether the request may have been processed. When it
 * is {@code true} for an action with side effects (InvokeCommand, CancelInvocation), the outcome is
 * unknown: the client never sends such a request again on its own, and the message says how to
 * find out what happened.
 */
public final class TatTransportException extends TatException {

    private static final long serialVersionUID = 1L;

    /** @serial the action that was being sent */
    private final String action;
    /** @serial whether the server may have processed the request */
    private final boolean mayHaveReachedServer;
    /** @serial the HTTP status, or -1 when there was no response */
    private final int httpStatus;
    /** @serial whether sending the same request again could give another outcome */
    private final boolean worthRetrying;

    /**
     * @param action the API action
     * @param message what happened, and for an unknown outcome how to check it
     * @param mayHaveReachedServer whether the request may have been processed
     * @param httpStatus the HTTP status received, or -1 when none was
     * @param cause the underlying exception, or {@code null}
     */
    public TatTransportException(String action, String message, boolean mayHaveReachedServer, int httpStatus,
            Throwable cause) {
        this(action, message, mayHaveReachedServer, httpStatus, cause, true);
    }

    /**
     * @param action the API action
     * @param message what happened, and for an unknown outcome how to check it
     * @param mayHaveReachedServer whether the request may have been processed
     * @param httpStatus the HTTP status received, or -1 when none was
     * @param cause the underlying exception, or {@code null}
     * @param worthRetrying whether sending the same request again could give another outcome
     *     (false for a redirect, an answer over the size limit, a deadline that has passed)
     */
    public TatTransportException(String action, String message, boolean mayHaveReachedServer, int httpStatus,
            Throwable cause, boolean worthRetrying) {
        super(message, cause);
        this.action = action;
        this.mayHaveReachedServer = mayHaveReachedServer;
        this.httpStatus = httpStatus;
        this.worthRetrying = worthRetrying;
    }

    /**
     * @return whether sending the same request again could give another outcome; even then only
     *     read-only actions are sent again ({@link RetryPolicy})
     */
    public boolean worthRetrying() {
        return worthRetrying;
    }

    /** @return the API action that was being sent */
    public String action() {
        return action;
    }

    /**
     * @return {@code false} only when the request certainly did not reach the server (for example
     *     the connection could not be opened); {@code true} when it may have been processed
     */
    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }

    /** @return the HTTP status received, or -1 when no response came */
    public int httpStatus() {
        return httpStatus;
    }
}
