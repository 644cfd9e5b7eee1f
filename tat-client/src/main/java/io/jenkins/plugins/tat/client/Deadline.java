package io.jenkins.plugins.tat.client;

import java.time.Duration;

/**
 * A point in time on the JVM's monotonic clock by which a piece of work must end, for example a
 * whole wait for an invocation. Calls of a {@link TatClient#withDeadline(Deadline) client with a
 * deadline} start no attempt and no retry past it, and bound each attempt by the time left.
 *
 * <p>It is measured with {@link System#nanoTime()}, not with the client's {@link java.time.Clock},
 * which signs requests and may be set to another time in tests.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(Long.MAX_VALUE, true);

    private final long nanoTime;
    private final boolean none;

    private Deadline(long nanoTime, boolean none) {
        this.nanoTime = nanoTime;
        this.none = none;
    }

    /**
     * @param budget how long from now
     * @return the deadline that far from now
     */
    public static Deadline after(Duration budget) {
        long nanos = budget.isNegative() ? 0 : saturatedNanos(budget);
        long now = System.nanoTime();
        return new Deadline(now + Math.min(nanos, Long.MAX_VALUE / 4), false);
    }

    /** @return no deadline: only each attempt's own timeout applies */
    public static Deadline none() {
        return NONE;
    }

    /** @return the time left, zero once it has passed; {@link Duration#ofDays} 36500 days for {@link #none()} */
    public Duration remaining() {
        if (none) {
            return Duration.ofDays(36_500);
        }
        long left = nanoTime - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** @return whether it has passed */
    public boolean hasPassed() {
        return !none && nanoTime - System.nanoTime() <= 0;
    }

    /**
     * @param other another deadline
     * @return whichever of the two comes first
     */
    public Deadline earlier(Deadline other) {
        if (other.none) {
            return this;
        }
        if (none) {
            return other;
        }
        return other.nanoTime - nanoTime < 0 ? other : this;
    }

    /** @return whether this is {@link #none()} */
    public boolean isNone() {
        return none;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return none ? "Deadline[none]" : "Deadline[in " + remaining().toMillis() + " ms]";
    }
}
