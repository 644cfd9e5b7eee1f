package io.jenkins.plugins.tat.client.http;

import io.jenkins.plugins.tat.client.Deadline;
import io.jenkins.plugins.tat.client.TatClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the requests of one API key in one region under TAT's rate limit.
 *
 * <p>TAT allows 20 requests per second for each action (docs/dev/protocol.md §4; the TAT API category page,
 * https://www.tencentcloud.com/document/api/1147/46677). Many builds on
 * one Jenkins controller may share one key, so the limit is kept across all {@link TatClient}s
 * of the JVM that share a SecretId and region ({@link #shared}), for all actions together (the
 * stricter reading).
 *
 * <p><b>Deployments first.</b> Requests are of two kinds. Polling (the read-only Describe actions
 * a wait sends over and over) may use at most {@code pollingPermits} of each window, and never
 * takes a permit while a request of the other kind waits. So however many builds are waiting, an
 * InvokeCommand or CancelInvocation finds a permit within about one request's time (it waits for
 * a poll in flight to end at most, never for the polls queued behind it).
 *
 * <p><b>Counted from the end of each request.</b> A request holds its permit from
 * {@link #acquire()} until {@link #release()} and for one window after that. The server counts a
 * request when it arrives, which is some time after it started and before its answer came back;
 * that delay varies (a first request opens a connection, later ones reuse it), so requests that
 * started a window apart can arrive closer together. Counting from the answer instead bounds what
 * the server sees: a request that replaces an expired permit starts after the earlier request's
 * answer, so it arrives at least one window after the earlier one arrived. With no more than
 * {@code permits} requests in flight or answered within the last window, no more than
 * {@code permits} arrive in any window of the server's.
 */
public final class RequestRateLimiter {

    /**
     * Requests admitted per rolling second by {@link #shared}: TAT's limit itself. Counting from
     * each request's end (above) already keeps what the server counts at or below it, so a
     * margin would only slow deployments down; the emulator's tests against a throttle of 20 per
     * second show no request refused.
     */
    public static final int DEFAULT_PERMITS = 20;

    /**
     * Polling requests admitted per rolling second by {@link #shared}: 12 of the 20 leave 8 a
     * second to deployments however many builds wait, and 12 polls a second serve over a thousand
     * waits (one DescribeInvocations asks for 100 invocations).
     */
    public static final int DEFAULT_POLLING_PERMITS = 12;

    /** How long {@link #untilPermitMayFree} says to wait when no end in the window can tell. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(10);

    private static final Map<String, RequestRateLimiter> SHARED = new ConcurrentHashMap<>();

    private final int permits;
    private final int pollingPermits;
    private final long windowNanos;
    /** Guards the counts below; waiters for a permit wait on it. */
    private final Object lock = new Object();
    /** Requests between acquire and release, of both kinds, and of polling alone. */
    private int inFlight;
    private int pollingInFlight;
    /** Answered requests still in the window, oldest first. */
    private final Deque<End> ends = new ArrayDeque<>();
    private int pollingEnds;
    /** Requests that are not polling and wait for a permit: polling gives way to them. */
    private int priorityWaiting;

    /**
     * A limiter whose polling may use every permit.
     *
     * @param permits requests admitted per window
     * @param windowMillis the window length in milliseconds
     */
    public RequestRateLimiter(int permits, long windowMillis) {
        this(permits, permits, windowMillis);
    }

    /**
     * @param permits requests admitted per window
     * @param pollingPermits of those, polling requests admitted per window (1 to {@code permits})
     * @param windowMillis the window length in milliseconds
     */
    public RequestRateLimiter(int permits, int pollingPermits, long windowMillis) {
        if (permits < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("permits and window must be positive");
        }
        if (pollingPermits < 1 || pollingPermits > permits) {
            throw new IllegalArgumentException("pollingPermits must be between 1 and permits");
        }
        this.permits = permits;
        this.pollingPermits = pollingPermits;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
    }

    /**
     * The limiter shared by every client of this JVM using the key {@code secretId} in
     * {@code region}: {@value #DEFAULT_PERMITS} a second, {@value #DEFAULT_POLLING_PERMITS} of
     * them for polling.
     *
     * @param secretId the SecretId (an identifier, not a secret)
     * @param region the region
     * @return the shared limiter
     */
    public static RequestRateLimiter shared(String secretId, String region) {
        String key = Objects.requireNonNull(secretId) + "\n" + Objects.requireNonNull(region);
        return SHARED.computeIfAbsent(key, k -> new RequestRateLimiter(DEFAULT_PERMITS, DEFAULT_POLLING_PERMITS, 1000));
    }

    /**
     * Like {@link #acquire(boolean) acquire(false)}: a request that is not polling.
     *
     * @throws InterruptedException if interrupted while waiting; no permit is then taken
     */
    public void acquire() throws InterruptedException {
        acquire(false);
    }

    /**
     * Waits until one more request of the kind may start, and counts it. Each call must be
     * followed by one {@link #release(boolean)} of the same kind when the request has ended,
     * whether it succeeded or not, e.g. in a {@code finally} block.
     *
     * @param polling whether the request polls (a read-only Describe action): it then keeps within
     *     the polling share and gives way to waiting requests of the other kind
     * @throws InterruptedException if interrupted while waiting (e.g. the build was aborted); no
     *     permit is then taken
     */
    public void acquire(boolean polling) throws InterruptedException {
        acquire(polling, Deadline.none());
    }

    /**
     * Like {@link #acquire(boolean)}, giving up at a deadline: a call that must end by then does
     * not wait for a permit past it.
     *
     * @param polling whether the request polls (see {@link #acquire(boolean)})
     * @param deadline when to stop waiting; {@link Deadline#none()} waits as long as it takes
     * @return {@code true} once a permit is taken (release it as {@link #acquire(boolean)} says);
     *     {@code false} if the deadline came first, and no permit is then taken
     * @throws InterruptedException if interrupted while waiting; no permit is then taken
     */
    public boolean acquire(boolean polling, Deadline deadline) throws InterruptedException {
        synchronized (lock) {
            if (!polling) {
                priorityWaiting++;
            }
            try {
                while (true) {
                    long now = System.nanoTime();
                    expire(now);
                    boolean room = inFlight + ends.size() < permits;
                    boolean pollingRoom = pollingInFlight + pollingEnds < pollingPermits && priorityWaiting == 0;
                    if (room && (!polling || pollingRoom)) {
                        inFlight++;
                        if (polling) {
                            pollingInFlight++;
                        }
                        return true;
                    }
                    long left = deadline.isNone() ? Long.MAX_VALUE : deadline.remaining().toNanos();
                    if (left <= 0) {
                        return false;
                    }
                    End oldest = oldestEnd(polling && room);
                    if (oldest == null && deadline.isNone()) {
                        lock.wait(); // the permits in question are in flight: wait for a release
                    } else {
                        // Wait until that answered request leaves the window (or a release, or the
                        // deadline), then look again: another thread may have taken the place meanwhile.
                        long untilFree = oldest == null ? left : Math.max(windowNanos - (now - oldest.at()), 1);
                        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(untilFree, left));
                    }
                }
            } finally {
                if (!polling) {
                    priorityWaiting--;
                    lock.notifyAll(); // polling may go on now
                }
            }
        }
    }

    /**
     * Takes a permit of the kind if one is free now, without waiting: for a caller that must hold
     * no thread while it waits (a poller of many watches, which tries again when
     * {@link #untilPermitMayFree(boolean)} says). A permit taken must be given back with
     * {@link #release(boolean)} of the same kind, as after {@link #acquire(boolean)}. Polling
     * still gives way to requests of the other kind waiting in {@link #acquire(boolean)}.
     *
     * @param polling whether the request polls
     * @return whether a permit was taken
     */
    public boolean tryAcquire(boolean polling) {
        synchronized (lock) {
            expire(System.nanoTime());
            boolean room = inFlight + ends.size() < permits;
            boolean pollingRoom = pollingInFlight + pollingEnds < pollingPermits && priorityWaiting == 0;
            if (room && (!polling || pollingRoom)) {
                inFlight++;
                if (polling) {
                    pollingInFlight++;
                }
                return true;
            }
            return false;
        }
    }

    /**
     * When to try {@link #tryAcquire(boolean)} again: when the answered request that holds the
     * place longest leaves the window; or, when only requests in flight hold the places (whose
     * end cannot be known) or a request of the other kind is waiting, after a short pause.
     *
     * @param polling the kind of request
     * @return how long to wait before trying again, zero if a permit may be free now
     */
    public Duration untilPermitMayFree(boolean polling) {
        synchronized (lock) {
            long now = System.nanoTime();
            expire(now);
            boolean room = inFlight + ends.size() < permits;
            boolean pollingRoom = pollingInFlight + pollingEnds < pollingPermits && priorityWaiting == 0;
            if (room && (!polling || pollingRoom)) {
                return Duration.ZERO;
            }
            End oldest = priorityWaiting > 0 && polling ? null : oldestEnd(polling && room);
            return oldest == null ? RETRY_PAUSE : Duration.ofNanos(Math.max(windowNanos - (now - oldest.at()), 1));
        }
    }

    /**
     * Like {@link #release(boolean) release(false)}.
     *
     * @throws IllegalStateException if no such request is in flight
     */
    public void release() {
        release(false);
    }

    /**
     * Ends a request started with {@link #acquire(boolean)} of the same kind: its permit counts
     * for one more window from now.
     *
     * @param polling the kind it was acquired as
     * @throws IllegalStateException if no such request is in flight
     */
    public void release(boolean polling) {
        synchronized (lock) {
            if (inFlight == 0 || (polling && pollingInFlight == 0) || (!polling && inFlight - pollingInFlight == 0)) {
                throw new IllegalStateException("release() without a matching acquire()");
            }
            inFlight--;
            if (polling) {
                pollingInFlight--;
                pollingEnds++;
            }
            ends.addLast(new End(System.nanoTime(), polling));
            lock.notifyAll(); // a waiter with nothing to time its wait by can now compute one
        }
    }

    private void expire(long now) {
        while (!ends.isEmpty() && now - ends.peekFirst().at() >= windowNanos) {
            if (ends.removeFirst().polling()) {
                pollingEnds--;
            }
        }
    }

    /** The oldest end that, when it leaves the window, may free a place for the waiter; or null. */
    private End oldestEnd(boolean onlyPolling) {
        if (!onlyPolling) {
            return ends.peekFirst();
        }
        for (End end : ends) {
            if (end.polling()) {
                return end;
            }
        }
        return null;
    }

    /** When an answered request ended ({@link System#nanoTime()}), and whether it polled. */
    private record End(long at, boolean polling) {}

    @Override
    public String toString() {
        return "RequestRateLimiter[" + permits + " per " + TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms, "
                + pollingPermits + " of them for polling]";
    }
}
