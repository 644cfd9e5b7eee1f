package io.jenkins.plugins.tat.client.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The armed faults and the throttle settings, consulted once per request. Thread-safe.
 *
 * <p>A request takes at most one armed {@link FaultKind#DELAY} and at most one other armed fault,
 * the earliest armed that applies to its action; each use counts one off that fault.
 *
 * <p>Throttling imitates TAT's limit of 20 requests per second for every action (docs/dev/protocol.md §4):
 * each action has its own rolling one-second window on the emulator clock, and a request is
 * refused when the requests admitted in the preceding second (the window {@code (now - 1 s, now]})
 * already reach the limit. Refused requests do not count, so a client that backs off gets through.
 */
final class FaultBoard {

    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final String ANY_ACTION = "*";

    /**
     * What a request gets: a delay (possibly zero) and an outcome fault, or null for none; for
     * {@link FaultKind#API_ERROR} the error code to answer and the message, null for the default one.
     */
    record Decision(Duration delay, FaultKind outcome, String errorCode, String errorMessage, Detail detail) {}

    /**
     * What the hostile faults need: for {@link FaultKind#RAW_ANSWER} the body, for
     * {@link FaultKind#REDIRECT} the location; for {@link FaultKind#HUGE_BODY} the size and
     * whether it is declared; for {@link FaultKind#SLOW_BODY} the time between bytes.
     */
    record Detail(String text, long bytes, boolean declared, Duration pace) {
        static final Detail NONE = new Detail(null, 0, false, Duration.ZERO);
    }

    private static final class Armed {
        final FaultKind kind;
        final String action;
        final Duration delay;
        final String errorCode;
        final String errorMessage;
        final Detail detail;
        int remaining;

        Armed(FaultKind kind, String action, int remaining, Duration delay, String errorCode, String errorMessage,
                Detail detail) {
            this.kind = kind;
            this.action = action;
            this.remaining = remaining;
            this.delay = delay;
            this.errorCode = errorCode;
            this.errorMessage = errorMessage;
            this.detail = detail;
        }

        boolean appliesTo(String requestAction) {
            return action == null || action.equals(requestAction);
        }
    }

    private final List<Armed> armed = new ArrayList<>();
    private final Map<String, Integer> throttleLimits = new HashMap<>();
    private final Map<String, Deque<Instant>> admitted = new HashMap<>();

    synchronized void arm(FaultKind kind, String action, int requests, Duration delay) {
        arm(kind, action, requests, delay, null, null);
    }

    synchronized void arm(FaultKind kind, String action, int requests, Duration delay, String errorCode,
            String errorMessage) {
        arm(kind, action, requests, delay, errorCode, errorMessage, Detail.NONE);
    }

    synchronized void arm(FaultKind kind, String action, int requests, Detail detail) {
        arm(kind, action, requests, Duration.ZERO, null, null, detail);
    }

    private void arm(FaultKind kind, String action, int requests, Duration delay, String errorCode,
            String errorMessage, Detail detail) {
        if (requests < 0) {
            throw new IllegalArgumentException("number of requests must not be negative: " + requests);
        }
        if (requests > 0) {
            armed.add(new Armed(kind, action, requests, delay, errorCode, errorMessage, detail));
        }
    }

    synchronized Decision take(String action) {
        Duration delay = Duration.ZERO;
        FaultKind outcome = null;
        String errorCode = null;
        String errorMessage = null;
        Detail detail = Detail.NONE;
        boolean delayTaken = false;
        for (Iterator<Armed> it = armed.iterator(); it.hasNext();) {
            Armed fault = it.next();
            if (!fault.appliesTo(action)) {
                continue;
            }
            boolean isDelay = fault.kind == FaultKind.DELAY;
            if (isDelay && !delayTaken) {
                delay = fault.delay;
                delayTaken = true;
            } else if (!isDelay && outcome == null) {
                outcome = fault.kind;
                errorCode = fault.errorCode;
                errorMessage = fault.errorMessage;
                detail = fault.detail;
            } else {
                continue;
            }
            if (--fault.remaining == 0) {
                it.remove();
            }
        }
        return new Decision(delay, outcome, errorCode, errorMessage, detail);
    }

    /**
     * @param action the action to limit, or null for every action (each with its own window)
     * @param maxPerSecond requests admitted per rolling second, or null to stop throttling
     */
    synchronized void throttle(String action, Integer maxPerSecond) {
        String key = action == null ? ANY_ACTION : action;
        if (maxPerSecond == null) {
            throttleLimits.remove(key);
        } else if (maxPerSecond < 1) {
            throw new IllegalArgumentException("a throttle admits at least 1 request per second: " + maxPerSecond);
        } else {
            throttleLimits.put(key, maxPerSecond);
        }
    }

    /** Counts the request into its action's window, or returns false if the window is full. */
    synchronized boolean admit(String action, Instant now) {
        String key = action == null ? "" : action;
        Integer limit = throttleLimits.containsKey(key) ? throttleLimits.get(key) : throttleLimits.get(ANY_ACTION);
        if (limit == null) {
            return true;
        }
        Deque<Instant> window = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant windowStart = now.minus(WINDOW);
        window.removeIf(at -> !at.isAfter(windowStart) || at.isAfter(now));
        if (window.size() >= limit) {
            return false;
        }
        window.addLast(now);
        return true;
    }

    synchronized void clear() {
        armed.clear();
        throttleLimits.clear();
        admitted.clear();
    }
}
