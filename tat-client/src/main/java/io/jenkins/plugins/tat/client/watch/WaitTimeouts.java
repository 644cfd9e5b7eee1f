package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.rules.Violation;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a build may wait for an invocation. TAT stops a command after its Timeout, at most one
 * day (docs/dev/protocol.md §4.1), but tasks can wait for delivery before that; a week bounds any sensible
 * wait while still catching a typo such as a few zeros too many.
 */
public final class WaitTimeouts {

    /** The wait timeout when none is given: one hour. */
    public static final long DEFAULT_SECONDS = 3_600;
    /** The longest wait timeout: seven days. */
    public static final long MAX_SECONDS = 7 * 86_400;

    private WaitTimeouts() {}

    /**
     * @param seconds a wait timeout, or {@code null} for the default
     * @return the violation, if the value is out of range
     */
    public static Optional<Violation> check(Long seconds) {
        if (seconds != null && (seconds < 1 || seconds > MAX_SECONDS)) {
            return Optional.of(new Violation("waitTimeout", seconds + " is out of range; the wait timeout must be 1 to "
                    + MAX_SECONDS + " seconds (7 days)", "InvalidParameterValue.Range"));
        }
        return Optional.empty();
    }

    /**
     * @param seconds a valid wait timeout, or {@code null} for the default
     * @return the duration
     */
    public static Duration of(Long seconds) {
        return Duration.ofSeconds(seconds == null ? DEFAULT_SECONDS : seconds);
    }
}
