package io.jenkins.plugins.tat.client.http;

/**
 * An answer's {@code Response} does not have the documented shape, e.g. a page whose set is not
 * an array. The caller ({@link ApiCaller}) turns it into an unusable answer, which read-only
 * actions ask for again. Its message names the field and what is wrong with it, never the
 * server's text.
 */
public final class MalformedAnswerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param what what is wrong, e.g. {@code "its TotalCount is missing or not a number"} */
    public MalformedAnswerException(String what) {
        super(what);
    }
}
