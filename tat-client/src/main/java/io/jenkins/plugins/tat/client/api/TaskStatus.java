package io.jenkins.plugins.tat.client.api;

import java.util.Locale;

/**
 * The status of an invocation task (docs/dev/protocol.md §4.4). Which statuses are terminal is this
 * project's reading of the docs; the API does not publish it.
 */
public enum TaskStatus {
    /** Waiting for delivery. */
    PENDING(false),
    /** Being delivered. */
    DELIVERING(false),
    /** Delivery delayed. */
    DELIVER_DELAYED(false),
    /** Delivery failed. */
    DELIVER_FAILED(true),
    /** The command failed to start (see the task's ErrorInfo). */
    START_FAILED(true),
    /** Running. */
    RUNNING(false),
    /** Succeeded. */
    SUCCESS(true),
    /** Finished with a non-zero exit code. */
    FAILED(true),
    /** The command ran past its timeout. */
    TIMEOUT(true),
    /** The agent stopped answering (a newer value). */
    TASK_TIMEOUT(true),
    /** Being cancelled. */
    CANCELLING(false),
    /** Cancelled before it started. */
    CANCELLED(true),
    /** Cancelled while running. */
    TERMINATED(true),
    /**
     * A value this client does not know, e.g. one added to the API later. Treated as not terminal,
     * so a waiter keeps waiting (bounded by its own timeout) rather than guessing an outcome.
     */
    UNKNOWN(false);

    private final boolean terminal;

    TaskStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** @return whether the task will not change any more */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * @param value the API's value, e.g. {@code SUCCESS}
     * @return the status, {@link #UNKNOWN} for anything else
     */
    public static TaskStatus of(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
