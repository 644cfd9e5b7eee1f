package io.jenkins.plugins.tat.client;

/**
 * Base class of every failure {@link TatClient} reports.
 *
 * <p>Unchecked so that request builders and the client read naturally; callers that must tell
 * the cases apart catch the subclasses. Messages never contain a SecretKey or session token.
 */
public abstract class TatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message a message a person understands
     * @param cause the underlying cause, or {@code null}
     */
    protected TatException(String message, Throwable cause) {
        super(message, cause);
    }
}
