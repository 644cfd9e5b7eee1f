package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksResponse;
import io.jenkins.plugins.tat.client.api.Invocation;
import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.InvocationTaskBasicInfo;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one wait knows of its invocation, and the future it completes. The {@link SharedPoller}'s
 * rounds (which never overlap for one poller) feed it, and a timer ends it at its wait timeout
 * whatever a round is doing; so its state is guarded by its own lock, and the listener is
 * called under it (never after the watch ended). An explicit lock, so that the timer can try it
 * without waiting ({@link #tryExpire()}).
 *
 * <p><b>How its tasks are known.</b> DescribeInvocations' {@code InvocationTaskBasicInfoSet}
 * carries every task's status, as far as the API reference says (docs/dev/protocol.md §4.3); but
 * whether it lists every task of a large invocation is not said. A set of fewer than
 * {@value #TRUSTED_BASIC_INFO} tasks is trusted as it is. A larger one is trusted once its size
 * equals the invocation's task count, which the first page of DescribeInvocationTasks by the
 * {@code invocation-id} filter gives as {@code TotalCount} (§4.4): one request per invocation.
 * Where the set is shorter (capped), the rest of the tasks are listed once, page by page, and
 * then read by ID sparingly: a few pages a round for the whole poller, in turn, and all of them
 * once the invocation's own status says it is over.
 */
final class PolledWatch {

    private static final Logger LOGGER = Logger.getLogger(PolledWatch.class.getName());
    /**
     * Rounds in a row an invocation may be missing before a watch that never saw it fails: one
     * answer may come before a just-created invocation is listed.
     */
    private static final int MISSES_BEFORE_NOT_FOUND = 2;
    /** A basic info set this large may be cut short, unless its size equals the task count. */
    static final int TRUSTED_BASIC_INFO = 100;
    private static final Set<String> FINISHED_INVOCATION = Set.of("SUCCESS", "FAILED", "TIMEOUT", "CANCELLED",
            "PARTIAL_FAILED", "PARTIAL_CANCELLED");

    final String invocationId;
    final Duration initialInterval;
    final Duration maxInterval;
    final Duration waitTimeout;
    final CompletableFuture<WatchResult> future = new CompletableFuture<>();
    /** Guards everything below but the fields given at construction. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> alreadyReported;
    private final WatchListener listener;
    private final String region;

    /** Task ID to its latest status text and instance, in the order the API listed them. */
    private final Map<String, String> statuses = new LinkedHashMap<>();
    private final Map<String, String> instances = new LinkedHashMap<>();
    /** Reports of the tasks that ended, by task ID, in the order they ended. */
    private final Map<String, TaskReport> reports = new LinkedHashMap<>();
    /** The task IDs of the latest basic info set. */
    private Set<String> visible = Set.of();
    private int basicInfoSize;
    private boolean seen;
    private int misses;
    /** The invocation's task count, once a listing gave it; or -1. */
    private long taskCount = -1;
    /** Where the next listing page starts; -1 before the first, which starts after the basic info's tasks. */
    private long listingOffset = -1;
    /** Whether the listing went back to the start, having missed tasks the basic info did not list. */
    private boolean listedFromStart;
    private boolean invocationOver;
    private int polls;
    private int describeCalls;
    private int callsThisRound;
    private int mostCallsInOnePoll;
    private Map<TaskStatus, Integer> lastCounts = Map.of();
    /** The last request that failed for this watch, named if the wait times out. */
    private TatException lastFailure;
    /** Whether the last request for this watch had its temporary key's token refused. */
    private boolean tokenRefused;

    PolledWatch(String invocationId, Set<String> alreadyReported, WatchListener listener, Duration initialInterval,
            Duration maxInterval, Duration waitTimeout, String region) {
        this.invocationId = invocationId;
        this.alreadyReported = alreadyReported;
        this.listener = listener;
        this.initialInterval = initialInterval;
        this.maxInterval = maxInterval;
        this.waitTimeout = waitTimeout;
        this.region = region;
    }

    boolean isDone() {
        return future.isDone();
    }

    void startRound() {
        lock.lock();
        try {
            polls++;
            callsThisRound = 0;
        } finally {
            lock.unlock();
        }
    }

    void countCall() {
        lock.lock();
        try {
            describeCalls++;
            callsThisRound++;
            mostCallsInOnePoll = Math.max(mostCallsInOnePoll, callsThisRound);
        } finally {
            lock.unlock();
        }
    }

    void failed(TatException e) {
        lock.lock();
        try {
            lastFailure = e;
            tokenRefused = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Notes a request for this watch whose temporary key's token the API refused.
     *
     * @return whether the request before it was refused so too (the renewed key as well)
     */
    boolean tokenRefusedAgain(TatException e) {
        lock.lock();
        try {
            boolean again = tokenRefused;
            lastFailure = e;
            tokenRefused = true;
            return again;
        } finally {
            lock.unlock();
        }
    }

    /** Notes an answer for this watch: a refused token before it has been replaced. */
    private void answered() {
        tokenRefused = false;
    }

    /**
     * Ends the watch with a timeout (naming its unfinished tasks), unless it ended already: the
     * timer's work, at the wait timeout, whether or not a round is stuck in a call. The timer
     * thread serves every poller and must not wait: if a round holds this watch at that moment
     * (its listener may be slow), it does nothing and says so, to be called again shortly.
     *
     * @return whether the watch has ended, now or before
     */
    boolean tryExpire() {
        if (!lock.tryLock()) {
            return isDone();
        }
        try {
            if (!isDone()) {
                future.completeExceptionally(timeout());
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes in the invocation as DescribeInvocations returned it, or {@code null} if it was not in
     * the answer. Returns whether a task changed status.
     */
    boolean observe(Invocation invocation) {
        lock.lock();
        try {
            if (isDone()) {
                return false;
            }
            answered();
            if (invocation == null) {
                if (!seen && ++misses >= MISSES_BEFORE_NOT_FOUND) {
                    future.completeExceptionally(new InvocationNotFoundException("Invocation " + invocationId
                            + " was not found in region " + region + ". Check the ID and the region, and that the API key"
                            + " may read it."));
                }
                return false;
            }
            seen = true;
            invocationOver = invocation.invocationStatus() != null
                    && FINISHED_INVOCATION.contains(invocation.invocationStatus());
            List<InvocationTaskBasicInfo> tasks = invocation.tasks();
            basicInfoSize = tasks.size();
            Set<String> ids = new HashSet<>();
            boolean changed = false;
            for (InvocationTaskBasicInfo task : tasks) {
                if (task.invocationTaskId() == null) {
                    continue;
                }
                ids.add(task.invocationTaskId());
                changed |= record(task.invocationTaskId(), task.taskStatus(), task.instanceId());
            }
            visible = ids;
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the basic info set is known to list every task. */
    private boolean basicInfoComplete() {
        return basicInfoSize < TRUSTED_BASIC_INFO || basicInfoSize == taskCount;
    }

    /** Whether every task's ID is known: the basic info lists them all, or a listing did. */
    private boolean allKnown() {
        return seen && !statuses.isEmpty() && (basicInfoComplete() || (taskCount >= 0 && statuses.size() >= taskCount));
    }

    /** The offset of the listing page this invocation needs next, or -1 if it needs none. */
    long listingOffset() {
        lock.lock();
        try {
            if (isDone() || !seen || allKnown()) {
                return -1;
            }
            if (listingOffset < 0) {
                // A capped set lists the first tasks, as far as the emulator and every answer seen
                // tell; the page after them gives the task count and the first hidden tasks at once
                // (and, when the set is complete, nothing but the count).
                listingOffset = basicInfoSize;
            }
            return listingOffset;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes in a page of the invocation's tasks, listed by the invocation-id filter: its
     * TotalCount is the task count; its tasks carry their output. Returns whether a task changed.
     */
    boolean listed(DescribeInvocationTasksResponse page) {
        lock.lock();
        try {
            if (isDone()) {
                return false;
            }
            answered();
            taskCount = page.totalCount();
            int known = statuses.size();
            boolean changed = false;
            for (InvocationTask task : page.tasks()) {
                changed |= read(task);
            }
            listingOffset += page.tasks().size();
            // A page with no task not seen before ends it too: an answer cannot keep a listing going.
            boolean atEnd = statuses.size() == known || listingOffset >= taskCount;
            if (atEnd && !allKnown()) {
                if (!listedFromStart) {
                    listedFromStart = true; // the basic info listed other tasks than the first: list them all
                    listingOffset = 0;
                } else {
                    taskCount = statuses.size(); // the listing ended short of its own count: take what it gave
                }
            }
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** The tasks that ended and are not reported yet: their output is to be read by ID. */
    List<String> endedUnreported() {
        lock.lock();
        try {
            List<String> ids = new ArrayList<>();
            if (isDone() || !allKnown()) {
                return ids;
            }
            statuses.forEach((id, status) -> {
                if (!reports.containsKey(id) && TaskStatus.of(status).isTerminal()) {
                    ids.add(id);
                }
            });
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The unfinished tasks that a capped basic info set leaves out: only a read by ID tells how
     * they are doing.
     */
    List<String> hiddenUnfinished() {
        lock.lock();
        try {
            List<String> ids = new ArrayList<>();
            if (isDone() || !allKnown() || basicInfoComplete()) {
                return ids;
            }
            for (Map.Entry<String, String> task : statuses.entrySet()) {
                String id = task.getKey();
                if (!visible.contains(id) && !reports.containsKey(id) && !TaskStatus.of(task.getValue()).isTerminal()) {
                    ids.add(id);
                }
            }
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the invocation's own status says every task has ended. */
    boolean invocationOver() {
        lock.lock();
        try {
            return invocationOver;
        } finally {
            lock.unlock();
        }
    }

    /** Takes in a task read in full; reports it once if it ended. Returns whether its status changed. */
    boolean read(InvocationTask task) {
        lock.lock();
        try {
            if (isDone() || !invocationId.equals(task.invocationId())) {
                return false;
            }
            answered();
            boolean changed = record(task.invocationTaskId(), task.taskStatus(), task.instanceId());
            if (task.status().isTerminal() && !reports.containsKey(task.invocationTaskId())) {
                TaskReport report = TaskReport.of(task);
                reports.put(task.invocationTaskId(), report);
                if (!alreadyReported.contains(task.invocationTaskId())) {
                    try {
                        listener.taskFinished(report);
                    } catch (RuntimeException e) {
                        LOGGER.log(Level.WARNING, "a wait's listener failed on " + task.invocationTaskId(), e);
                    }
                }
            }
            return changed;
        } finally {
            lock.unlock();
        }
    }

    private boolean record(String taskId, String status, String instanceId) {
        String before = statuses.put(taskId, status);
        if (instanceId != null) {
            instances.put(taskId, instanceId);
        }
        return before == null || !before.equals(status);
    }

    /** Completes the watch when every task is reported; tells the listener of changed counts. */
    void endRound() {
        lock.lock();
        try {
            if (isDone()) {
                return;
            }
            Map<TaskStatus, Integer> counts = counts();
            if (!counts.equals(lastCounts)) {
                lastCounts = counts;
                try {
                    listener.progress(counts, taskCount > statuses.size() ? (int) taskCount : statuses.size());
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "a wait's listener failed", e);
                }
            }
            if (allKnown() && reports.keySet().containsAll(statuses.keySet())) {
                future.complete(result());
            }
        } finally {
            lock.unlock();
        }
    }

    private Map<TaskStatus, Integer> counts() {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        statuses.values().forEach(s -> counts.merge(TaskStatus.of(s), 1, Integer::sum));
        return counts;
    }

    private WatchResult result() {
        return new WatchResult(invocationId, new ArrayList<>(reports.values()), polls, describeCalls, mostCallsInOnePoll);
    }

    private WaitTimeoutException timeout() {
        Map<String, String> unfinished = new LinkedHashMap<>();
        statuses.forEach((id, status) -> {
            if (!reports.containsKey(id)) {
                unfinished.put(instances.getOrDefault(id, id), status);
            }
        });
        return InvocationWatcher.timeoutException(invocationId, waitTimeout, statuses.size(), unfinished, result(), lastFailure);
    }
}
