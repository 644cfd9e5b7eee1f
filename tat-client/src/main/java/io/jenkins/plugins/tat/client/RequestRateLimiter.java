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
 * stricter reading). The limiter admits at most {@value #DEFAULT_PERMITS} requests in any rolling
 * second, below 20 on purpose: the server counts in its own window, which our clock does not see,
 * and network jitter can bunch requests together on arrival.
 */
public final class RequestRateLimiter {

    /** Requests admitted per rolling second by {@link #shared}. */
    public static final int DEFAULT_PERMITS = 18;

    private static final Map<String, RequestRateLimiter> SHARED = new ConcurrentHashMap<>();

    private final int permits;
    private final long windowNanos;
    private final Deque<Long> starts = new ArrayDeque<>();

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
     * Waits until one more request may start, and counts it.
     *
     * @throws InterruptedException if interrupted while waiting (e.g. the build was aborted)
     */
    public void acquire() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (starts) {
                long now = System.nanoTime();
                while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
                    starts.removeFirst();
                }
                if (starts.size() < permits) {
                    starts.addLast(now);
                    return;
                }
                wait = windowNanos - (now - starts.peekFirst());
            }
            // Sleep outside the lock until the oldest start leaves the window, then look again:
            // another thread may have taken the free place meanwhile.
            TimeUnit.NANOSECONDS.sleep(Math.max(wait, 1));
        }
    }

    @Override
    public String toString() {
        return "RequestRateLimiter[" + permits + " per " + TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms]";
    }
}
