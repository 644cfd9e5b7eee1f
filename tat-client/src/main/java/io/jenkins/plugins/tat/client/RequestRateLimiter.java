package io.jenkins.plugins.tat.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the requests of one API key in one region under TAT's rate limit.
 *
 * <p>TAT allows 20 requests per second for each action (TAT-CAT, tat-api.md §4). Many builds on
 * one Jenkins controller may share one key, so the limit is kept across all {@link TatClient}s
 * of the JVM that share a SecretId and region ({@link #shared}), for all actions together (the
 * stricter reading). The shared limiter allows {@value #DEFAULT_PERMITS} requests per second,
 * below 20 on purpose: the server counts in its own window, which our clock does not see.
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

    /** Requests admitted per rolling second by {@link #shared}. */
    public static final int DEFAULT_PERMITS = 18;

    private static final Map<String, RequestRateLimiter> SHARED = new ConcurrentHashMap<>();

    private final int permits;
    private final long windowNanos;
    /** Guards {@link #inFlight} and {@link #ends}; waiters for a permit wait on it. */
    private final Object lock = new Object();
    /** Requests between {@link #acquire()} and {@link #release()}. */
    private int inFlight;
    /** When the answered requests still in the window ended ({@link System#nanoTime()}), oldest first. */
    private final Deque<Long> ends = new ArrayDeque<>();

    /**
     * @param permits requests admitted per window
     * @param windowMillis the window length in milliseconds
     */
    public RequestRateLimiter(int permits, long windowMillis) {
        if (permits < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("permits and window must be positive");
        }
        this.permits = permits;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
    }

    /**
     * The limiter shared by every client of this JVM using the key {@code secretId} in
     * {@code region}.
     *
     * @param secretId the SecretId (an identifier, not a secret)
     * @param region the region
     * @return the shared limiter
     */
    public static RequestRateLimiter shared(String secretId, String region) {
        String key = Objects.requireNonNull(secretId) + "\n" + Objects.requireNonNull(region);
        return SHARED.computeIfAbsent(key, k -> new RequestRateLimiter(DEFAULT_PERMITS, 1000));
    }

    /**
     * Waits until one more request may start, and counts it. Each call must be followed by one
     * {@link #release()} when the request has ended, whether it succeeded or not, e.g. in a
     * {@code finally} block.
     *
     * @throws InterruptedException if interrupted while waiting (e.g. the build was aborted); no
     *     permit is then taken
     */
    public void acquire() throws InterruptedException {
        synchronized (lock) {
            while (true) {
                long now = System.nanoTime();
                while (!ends.isEmpty() && now - ends.peekFirst() >= windowNanos) {
                    ends.removeFirst();
                }
                if (inFlight + ends.size() < permits) {
                    inFlight++;
                    return;
                }
                if (ends.isEmpty()) {
                    lock.wait(); // every permit is in flight: wait for a release
                } else {
                    // Wait until the oldest answered request leaves the window (or a release), then
                    // look again: another thread may have taken the free place meanwhile.
                    long waitNanos = Math.max(windowNanos - (now - ends.peekFirst()), 1);
                    TimeUnit.NANOSECONDS.timedWait(lock, waitNanos);
                }
            }
        }
    }

    /**
     * Ends a request started with {@link #acquire()}: its permit counts for one more window from now.
     *
     * @throws IllegalStateException if no request is in flight
     */
    public void release() {
        synchronized (lock) {
            if (inFlight == 0) {
                throw new IllegalStateException("release() without a matching acquire()");
            }
            inFlight--;
            ends.addLast(System.nanoTime());
            lock.notifyAll(); // a waiter with nothing to time its wait by can now compute one
        }
    }

    @Override
    public String toString() {
        return "RequestRateLimiter[" + permits + " per " + TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms]";
    }
}
