package io.jenkins.plugins.tat.client.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the emulator saw: requests received per action, actions executed (took effect) per action
 * and the list of recorded requests. "Received" counts every request that arrived, faulted or
 * not; "executed" counts only actions that passed every check and ran, so a test can prove that a
 * retried InvokeCommand did not create a second invocation. Thread-safe.
 */
final class RequestLog {

    /** The key under which requests without an X-TC-Action header are counted. */
    static final String NO_ACTION = "";

    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> executed = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    void received(String action) {
        received.computeIfAbsent(key(action), k -> new AtomicInteger()).incrementAndGet();
    }

    void executed(String action) {
        executed.computeIfAbsent(key(action), k -> new AtomicInteger()).incrementAndGet();
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    int receivedCount(String action) {
        AtomicInteger count = received.get(key(action));
        return count == null ? 0 : count.get();
    }

    int executedCount(String action) {
        AtomicInteger count = executed.get(key(action));
        return count == null ? 0 : count.get();
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    private static String key(String action) {
        return action == null ? NO_ACTION : action;
    }
}
