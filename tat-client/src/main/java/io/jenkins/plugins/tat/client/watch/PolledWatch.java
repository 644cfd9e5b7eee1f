package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.Deadline;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.api.Invocation;
import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.InvocationTaskBasicInfo;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one wait knows of its invocation, and the future it completes. Only the {@link SharedPoller}'s
 * round touches it (rounds of one poller never overlap), so it needs no lock of its own.
 */
final class PolledWatch {

    private static final Logger LOGGER = Logger.getLogger(PolledWatch.class.getName());
    /**
     * Rounds in a row an invocation may be missing before a watch that never saw it fails: one
     * answer may come before a just-created invocation is listed.
     */
    private static final int MISSES_BEFORE_NOT_FOUND = 2;
    /** A basic info set this large may be cut short (see {@link SharedPoller}). */
    private static final int TRUSTED_BASIC_INFO = 100;

    final String invocationId;
    final Duration initialInterval;
    final Duration maxInterval;
    final CompletableFuture<WatchResult> future = new CompletableFuture<>();
    private final Duration waitTimeout;
    private final Deadline deadline;
    private final Set<String> alreadyReported;
    private final WatchListener listener;
    private final String region;

    /** Task ID to its latest status text and instance, in the order the API listed them. */
    private final Map<String, String> statuses = new LinkedHashMap<>();
    private final Map<String, String> instances = new LinkedHashMap<>();
    /** Reports of the tasks that ended, by task ID, in the order they ended. */
    private final Map<String, TaskReport> reports = new LinkedHashMap<>();
    private boolean seen;
    private int misses;
    private boolean large;
    private boolean listedAll;
    /** Whether this round's listing already brought every task's status. */
    private boolean listedThisRound;
    private int polls;
    private int describeCalls;
    private int callsThisRound;
    private int mostCallsInOnePoll;
    private Map<TaskStatus, Integer> lastCounts = Map.of();
    /** The last request that failed for this watch, named if the wait times out. */
    TatException lastFailure;

    PolledWatch(String invocationId, Set<String> alreadyReported, WatchListener listener, Duration initialInterval,
            Duration maxInterval, Duration waitTimeout, String region) {
        this.invocationId = invocationId;
        this.alreadyReported = alreadyReported;
        this.listener = listener;
        this.initialInterval = initialInterval;
        this.maxInterval = maxInterval;
        this.waitTimeout = waitTimeout;
        this.deadline = Deadline.after(waitTimeout);
        this.region = region;
    }

    boolean isDone() {
        return future.isDone();
    }

    void startRound() {
        polls++;
        callsThisRound = 0;
        listedThisRound = false;
    }

    void countCall() {
        describeCalls++;
        callsThisRound++;
        mostCallsInOnePoll = Math.max(mostCallsInOnePoll, callsThisRound);
    }

    /** Ends the watch with a timeout if its time is up; returns whether it did. */
    boolean expireIfLate() {
        if (isDone()) {
            return true;
        }
        if (!deadline.hasPassed()) {
            return false;
        }
        future.completeExceptionally(timeout());
        return true;
    }

    /**
     * Takes in the invocation as DescribeInvocations returned it, or {@code null} if it was not in
     * the answer. Returns whether a task changed status.
     */
    boolean observe(Invocation invocation) {
        if (isDone()) {
            return false;
        }
        if (invocation == null) {
            if (!seen && ++misses >= MISSES_BEFORE_NOT_FOUND) {
                future.completeExceptionally(new InvocationNotFoundException("Invocation " + invocationId
                        + " was not found in region " + region + ". Check the ID and the region, and that the API key"
                        + " may read it."));
            }
            return false;
        }
        seen = true;
        List<InvocationTaskBasicInfo> tasks = invocation.tasks();
        if (tasks.size() >= TRUSTED_BASIC_INFO) {
            large = true;
        }
        if (large) {
            return false; // its tasks are listed and read by ID instead
        }
        boolean changed = false;
        for (InvocationTaskBasicInfo task : tasks) {
            if (task.invocationTaskId() == null) {
                continue;
            }
            changed |= record(task.invocationTaskId(), task.taskStatus(), task.instanceId());
        }
        listedAll = !tasks.isEmpty();
        return changed;
    }

    boolean needsListing() {
        return large && !listedAll;
    }

    /** Takes in every task of a large invocation, listed by the invocation-id filter. */
    boolean listed(Collection<InvocationTask> tasks) {
        boolean changed = false;
        for (InvocationTask task : tasks) {
            changed |= record(task.invocationTaskId(), task.taskStatus(), task.instanceId());
            if (task.status().isTerminal()) {
                changed |= read(task); // the listing carries the whole task, output included
            }
        }
        listedAll = !tasks.isEmpty();
        listedThisRound = true;
        return changed;
    }

    /**
     * The tasks to read in full this round: those that ended and are not yet reported, and for a
     * large invocation also the unfinished ones, whose status only a read by ID brings.
     */
    List<String> tasksToRead() {
        List<String> ids = new ArrayList<>();
        if (isDone() || !listedAll) {
            return ids;
        }
        statuses.forEach((id, status) -> {
            boolean terminal = TaskStatus.of(status).isTerminal();
            if (!reports.containsKey(id) && (terminal || (large && !listedThisRound))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Takes in a task read in full; reports it once if it ended. Returns whether its status changed. */
    boolean read(InvocationTask task) {
        if (isDone() || !invocationId.equals(task.invocationId())) {
            return false;
        }
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
        if (isDone()) {
            return;
        }
        Map<TaskStatus, Integer> counts = counts();
        if (!counts.equals(lastCounts)) {
            lastCounts = counts;
            try {
                listener.progress(counts, statuses.size());
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "a wait's listener failed", e);
            }
        }
        if (listedAll && !statuses.isEmpty() && reports.keySet().containsAll(statuses.keySet())) {
            future.complete(result());
        }
    }

    private Map<TaskStatus, Integer> counts() {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        statuses.values().forEach(s -> counts.merge(TaskStatus.of(s), 1, Integer::sum));
        return counts;
    }

    WatchResult result() {
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
