package io.jenkins.plugins.tat.client.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, for driving task life cycles without sleeping.
 * Thread-safe.
 *
 * <p>A request signed by the official SDK carries the real time, and the emulator refuses
 * timestamps more than 300 s off its clock; start at {@code Instant.now()} and keep the total
 * advance under five minutes when the SDK is the client.
 */
public final class AdjustableClock extends Clock {

    private final AtomicReference<Instant> now;

    private AdjustableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * @param start the first reading
     * @return a clock in UTC that reads {@code start} until moved
     */
    public static AdjustableClock at(Instant start) {
        return new AdjustableClock(start);
    }

    /**
     * @param duration how far to move forward (or back, if negative)
     * @return the new reading
     */
    public Instant advance(Duration duration) {
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    /** @param instant the new reading */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Not supported: an adjustable clock is shared by reference, and a copy would drift apart. */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("AdjustableClock is always UTC");
    }
}
