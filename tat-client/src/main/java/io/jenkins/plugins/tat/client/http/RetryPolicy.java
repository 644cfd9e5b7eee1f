package io.jenkins.plugins.tat.client.http;

import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.TatAction;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures are worth sending a request again for, how often, and how long to wait between
 * tries (docs/dev/protocol.md §3.1, "Suggested policy"; no official table exists).
 *
 * <ul>
 *   <li>{@code RequestLimitExceeded} and its sub-codes: retried for <em>every</em> action. The
 *       request was refused, not executed, so sending it again cannot run a command twice.</li>
 *   <li>Transport failures, HTTP statuses other than 200, bodies that are not a TAT envelope,
 *       {@code InternalError} and {@code ServiceUnavailable}: retried for read-only
 *       ({@code Describe*}) actions only. For InvokeCommand and CancelInvocation the request may
 *       have been processed; TAT's InvokeCommand has no ClientToken, so a second one would run the
 *       command again. Such a failure is reported as an unknown outcome instead.</li>
 *   <li>Everything else ({@code AuthFailure*}, {@code InvalidParameter*}, {@code MissingParameter},
 *       {@code ResourceNotFound*}, {@code ResourceUnavailable*}, {@code UnauthorizedOperation*}, …):
 *       never retried; the same request would fail the same way.</li>
 * </ul>
 *
 * <p>Waits grow exponentially from {@link #initialBackoff()} up to {@link #maxBackoff()}, with
 * "equal jitter" (half fixed, half random) so that builds throttled together do not retry in
 * lock step.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * The default: up to 5 attempts, waiting about 1, 2, 4 and 8 seconds between them. The API's
     * rate limit counts per second, so the first wait is at least half a second.
     *
     * @return the standard policy
     */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /**
     * @param maxAttempts tries in all, at least 1
     * @param initialBackoff the wait before the second try
     * @param maxBackoff the longest wait
     * @return a policy with these numbers and the standard rules
     */
    public static RetryPolicy of(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, Objects.requireNonNull(initialBackoff), Objects.requireNonNull(maxBackoff));
    }

    /** @return a policy that never sends a request twice */
    public static RetryPolicy never() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** @return tries in all */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the wait before the second try */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** @return the longest wait */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The rules, independent of how many tries are left.
     *
     * @param action the action that failed
     * @param failure how it failed
     * @return whether sending the same request again is safe and may succeed
     */
    public static boolean isRetryable(TatAction action, TatException failure) {
        if (failure instanceof TencentCloudApiException api) {
            String code = api.errorCode();
            if (code.equals("RequestLimitExceeded") || code.startsWith("RequestLimitExceeded.")) {
                return true;
            }
            // STS answers AssumeRole for a role that does not exist with an InternalError subcode
            // ("InternalError.GetRoleError: role not exist"); no retry makes the role exist.
            boolean serverTrouble = (code.equals("InternalError") || code.startsWith("InternalError.")
                    || code.equals("ServiceUnavailable") || code.startsWith("ServiceUnavailable."))
                    && !code.equals("InternalError.GetRoleError");
            return serverTrouble && action.isReadOnly();
        }
        if (failure instanceof TatTransportException transport) {
            return action.isReadOnly() && transport.worthRetrying();
        }
        return false; // InvalidRequestException: nothing was sent, and nothing will change
    }

    /**
     * @param action the action that failed
     * @param failure how it failed
     * @param attemptsMade tries made so far, from 1
     * @return whether to try again
     */
    public boolean shouldRetry(TatAction action, TatException failure, int attemptsMade) {
        return attemptsMade < maxAttempts && isRetryable(action, failure);
    }

    /**
     * The wait before the next try.
     *
     * @param attemptsMade tries made so far, from 1
     * @return between half and all of {@code min(max, initial * 2^(attemptsMade-1))}
     */
    public Duration backoff(int attemptsMade) {
        long ceiling = maxBackoff.toMillis();
        long full = Math.min(initialBackoff.toMillis(), ceiling);
        for (int i = 1; i < attemptsMade && full < ceiling; i++) {
            full = Math.min(ceiling, full * 2);
        }
        long half = full / 2;
        return Duration.ofMillis(half + (full - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(full - half + 1)));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff + "]";
    }
}
