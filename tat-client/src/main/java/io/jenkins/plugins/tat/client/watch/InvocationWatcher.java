package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.Deadline;
import io.jenkins.plugins.tat.client.DescribeInvocationTasksRequest;
import io.jenkins.plugins.tat.client.DescribeInvocationTasksResponse;
import io.jenkins.plugins.tat.client.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.InvocationTask;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatIds;
import io.jenkins.plugins.tat.client.TaskStatus;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Waits for an invocation to finish, reporting each task once when it reaches a terminal status
 * (tat-api.md §4.4).
 *
 * <p><b>What it costs.</b> Each poll makes at most one DescribeInvocationTasks request per 100
 * tasks: the first poll lists the invocation's tasks by the {@code invocation-id} filter, pages
 * of 100; later polls ask only for the tasks not yet finished, by ID, 100 per request. A poll
 * after most tasks have finished is therefore cheaper than the first, and the cost never grows
 * with the number of polls times the number of instances. Outputs come with the same requests
 * ({@code HideOutput: false}), so a finished task's output is never fetched twice.
 *
 * <p><b>How often.</b> The first poll is immediate. The interval starts at about one second and
 * doubles while nothing changes, up to a cap (15 s by default); any change brings it back to the
 * start, so a burst of tasks finishing is followed closely.
 *
 * <p><b>How long.</b> At most the wait timeout; then {@link WaitTimeoutException}, which names the
 * unfinished instances. The tasks themselves go on: stopping the wait does not cancel them.
 *
 * <p>Thread-safe and reusable: every {@link #watch} keeps its state on its own stack.
 */
public final class InvocationWatcher {

    /** Most tasks one DescribeInvocationTasks page may return. */
    static final int PAGE = 100;

    private final TatClient client;
    private final Duration initialInterval;
    private final Duration maxInterval;
    private final Duration waitTimeout;

    private InvocationWatcher(Builder b) {
        this.client = b.client;
        this.initialInterval = b.initialInterval;
        this.maxInterval = b.maxInterval;
        this.waitTimeout = b.waitTimeout;
    }

    /**
     * @param client the client to poll with
     * @return a builder with the default intervals (1 s to 15 s) and a one-hour wait timeout
     */
    public static Builder builder(TatClient client) {
        return new Builder(client);
    }

    /**
     * Waits for every task of an invocation to finish.
     *
     * @param invocationId the invocation, {@code inv-xxxxxxxx}
     * @param listener hears each finished task and the progress
     * @return a report per task
     * @throws WaitTimeoutException if the wait timeout passed first
     * @throws InvocationNotFoundException if the invocation does not exist in the client's region
     * @throws InterruptedException if interrupted while waiting (the tasks are not cancelled)
     */
    public WatchResult watch(String invocationId, WatchListener listener) throws InterruptedException {
        return watch(invocationId, Set.of(), listener);
    }

    /**
     * Waits for every task of an invocation to finish, without telling the listener again about
     * tasks it already heard of (for resuming a wait, e.g. after a restart). The result still has
     * every task's report.
     *
     * @param invocationId the invocation, {@code inv-xxxxxxxx}
     * @param alreadyReported IDs of tasks not to report to the listener again
     * @param listener hears each newly finished task and the progress
     * @return a report per task
     * @throws WaitTimeoutException if the wait timeout passed first
     * @throws InvocationNotFoundException if the invocation does not exist in the client's region
     * @throws InterruptedException if interrupted while waiting (the tasks are not cancelled)
     */
    public WatchResult watch(String invocationId, Collection<String> alreadyReported, WatchListener listener)
            throws InterruptedException {
        // The ID is quoted shortened, invisible characters written out (TatIds does it).
        Optional<Violation> invalid = TatIds.checkInvocationId("InvocationId", invocationId);
        if (invalid.isPresent()) {
            throw new InvalidRequestException("wait request", List.of(invalid.get()));
        }
        Watch watch = new Watch(invocationId, new HashSet<>(alreadyReported), Objects.requireNonNull(listener));
        return watch.run();
    }

    /** The state of one wait. */
    private final class Watch {
        private final String invocationId;
        private final Set<String> alreadyReported;
        private final WatchListener listener;
        /** Task ID to its latest state, in the order the API listed them. */
        private final Map<String, InvocationTask> tasks = new LinkedHashMap<>();
        private final List<TaskReport> reports = new ArrayList<>();
        private boolean listedAll;
        private boolean invocationChecked;
        private int polls;
        private int describeCalls;
        private int mostCallsInOnePoll;
        private Map<TaskStatus, Integer> lastCounts = Map.of();
        /** The client, bounded by the wait's deadline: a poll's retries end with the wait. */
        private TatClient polling = client;

        Watch(String invocationId, Set<String> alreadyReported, WatchListener listener) {
            this.invocationId = invocationId;
            this.alreadyReported = alreadyReported;
            this.listener = listener;
        }

        WatchResult run() throws InterruptedException {
            Deadline deadline = Deadline.after(waitTimeout);
            polling = client.withDeadline(deadline);
            Duration interval = initialInterval;
            while (true) {
                boolean changed;
                try {
                    changed = poll();
                } catch (TatTransportException | TencentCloudApiException e) {
                    if (deadline.hasPassed()) {
                        throw timeout(); // the poll and its retries used up the wait's time
                    }
                    throw e;
                }
                if (listedAll && !tasks.isEmpty() && reports.size() == tasks.size()) {
                    return result();
                }
                long left = deadline.remaining().toNanos();
                if (left <= 0) {
                    throw timeout();
                }
                interval = changed ? initialInterval : min(maxInterval, interval.multipliedBy(2));
                TimeUnit.NANOSECONDS.sleep(Math.min(interval.toNanos(), left));
            }
        }

        /** One poll; returns whether any task changed status. */
        private boolean poll() throws InterruptedException {
            polls++;
            int calls = 0;
            boolean changed = false;
            if (!listedAll) {
                // List every task by the invocation-id filter, 100 a page.
                Set<String> seen = new HashSet<>();
                long total = Long.MAX_VALUE;
                for (long offset = 0; offset < total; offset += PAGE) {
                    DescribeInvocationTasksResponse page = polling.describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                            .filter("invocation-id", invocationId).offset(offset).limit(PAGE).build());
                    calls++;
                    total = page.totalCount();
                    for (InvocationTask task : page.tasks()) {
                        seen.add(task.invocationTaskId());
                        changed |= update(task);
                    }
                    if (page.tasks().isEmpty()) {
                        break;
                    }
                }
                // A listing can miss a task if the order shifts between pages; then list again.
                listedAll = total != Long.MAX_VALUE && seen.size() >= total && total > 0;
                if (total == 0 && !invocationChecked) {
                    calls++;
                    checkInvocationExists();
                }
            } else {
                // Ask only for unfinished tasks, by ID, 100 per request.
                List<String> unfinished = tasks.values().stream()
                        .filter(t -> !t.status().isTerminal()).map(InvocationTask::invocationTaskId).toList();
                for (int from = 0; from < unfinished.size(); from += PAGE) {
                    List<String> ids = unfinished.subList(from, Math.min(unfinished.size(), from + PAGE));
                    DescribeInvocationTasksResponse page = polling.describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                            .invocationTaskIds(ids).limit(PAGE).build());
                    calls++;
                    for (InvocationTask task : page.tasks()) {
                        changed |= update(task);
                    }
                }
            }
            describeCalls += calls;
            mostCallsInOnePoll = Math.max(mostCallsInOnePoll, calls);
            Map<TaskStatus, Integer> counts = counts();
            if (!counts.equals(lastCounts)) {
                lastCounts = counts;
                listener.progress(counts, tasks.size());
            }
            return changed;
        }

        /** Records a task's latest state; reports it if it just ended. Returns whether it changed. */
        private boolean update(InvocationTask task) {
            InvocationTask before = tasks.put(task.invocationTaskId(), task);
            boolean changed = before == null || !Objects.equals(before.taskStatus(), task.taskStatus());
            boolean wasTerminal = before != null && before.status().isTerminal();
            if (task.status().isTerminal() && !wasTerminal) {
                TaskReport report = TaskReport.of(task);
                reports.add(report);
                if (!alreadyReported.contains(task.invocationTaskId())) {
                    listener.taskFinished(report);
                }
            }
            return changed;
        }

        private void checkInvocationExists() throws InterruptedException {
            invocationChecked = true;
            boolean exists = polling.describeInvocations(DescribeInvocationsRequest.builder()
                    .invocationIds(List.of(invocationId)).limit(1).build()).totalCount() > 0;
            if (!exists) {
                throw new InvocationNotFoundException("Invocation " + invocationId + " was not found in region "
                        + client.region() + ". Check the ID and the region, and that the API key may read it.");
            }
        }

        private Map<TaskStatus, Integer> counts() {
            Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
            tasks.values().forEach(t -> counts.merge(t.status(), 1, Integer::sum));
            return counts;
        }

        private WatchResult result() {
            return new WatchResult(invocationId, reports, polls, describeCalls, mostCallsInOnePoll);
        }

        private WaitTimeoutException timeout() {
            Map<String, String> unfinished = new LinkedHashMap<>();
            tasks.values().stream().filter(t -> !t.status().isTerminal())
                    .forEach(t -> unfinished.put(t.instanceId(), t.taskStatus()));
            String list = unfinished.entrySet().stream().limit(20).map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            if (unfinished.size() > 20) {
                list += ", …";
            }
            boolean undelivered = unfinished.values().stream().map(TaskStatus::of)
                    .anyMatch(s -> s == TaskStatus.PENDING || s == TaskStatus.DELIVERING || s == TaskStatus.DELIVER_DELAYED);
            String message = "Gave up waiting for " + invocationId + " after " + human(waitTimeout) + ": "
                    + (tasks.isEmpty() ? "the invocation has no tasks yet"
                            : unfinished.size() + " of " + tasks.size() + " tasks had not finished (" + list + ")")
                    + ". The tasks were not cancelled."
                    + (undelivered ? " Tasks still waiting for delivery usually mean the TAT agent on the instance is"
                            + " offline; check the agent status in the TAT console." : "");
            return new WaitTimeoutException(message, result(), unfinished);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 1) {
            return d.toMillis() + " ms";
        }
        return s % 60 == 0 && s >= 60 ? s / 60 + " min" : s + " s";
    }

    /** Builds an {@link InvocationWatcher}. */
    public static final class Builder {
        private final TatClient client;
        private Duration initialInterval = Duration.ofSeconds(1);
        private Duration maxInterval = Duration.ofSeconds(15);
        private Duration waitTimeout = Duration.ofHours(1);

        private Builder(TatClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * @param interval the first interval between polls, and the one used after any change
         * @return this builder
         */
        public Builder initialInterval(Duration interval) {
            this.initialInterval = positive(interval, "initialInterval");
            return this;
        }

        /**
         * @param interval the longest interval between polls while nothing changes
         * @return this builder
         */
        public Builder maxInterval(Duration interval) {
            this.maxInterval = positive(interval, "maxInterval");
            return this;
        }

        /**
         * @param timeout how long to wait at most
         * @return this builder
         */
        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = positive(timeout, "waitTimeout");
            return this;
        }

        /** @return the watcher */
        public InvocationWatcher build() {
            if (maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalArgumentException("maxInterval must not be shorter than initialInterval");
            }
            return new InvocationWatcher(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
