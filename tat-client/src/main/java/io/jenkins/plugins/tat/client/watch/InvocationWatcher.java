package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.fleet.AllOf;
import io.jenkins.plugins.tat.client.fleet.InvocationIdList;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Waits for invocations to finish, reporting each task once when it reaches a terminal status
 * (docs/dev/protocol.md §4.4).
 *
 * <p><b>Shared.</b> Every wait of the clients that share a SecretId, region and endpoint in this
 * JVM is served by one poller ({@link #watchAsync}): a round asks for all watched invocations at
 * once, 100 a DescribeInvocations request, whose basic task info carries every task's status,
 * then reads in full only the tasks that just ended, 100 task IDs a DescribeInvocationTasks
 * request, across invocations. A thousand waits cost about ten requests a round and no thread
 * each; the client's rate limiter keeps polling behind deployments. {@link #watch} is the same
 * wait, blocking. An endpoint, key or region that hangs delays only its own watches.
 *
 * <p><b>How often.</b> The first round comes at once. The interval starts at about one second and
 * doubles while nothing changes, up to a cap (3 s by default); any change brings it back to the
 * start, so a burst of tasks finishing is followed closely.
 *
 * <p><b>How long.</b> At most the wait timeout, kept by a timer even while a request hangs;
 * then {@link WaitTimeoutException}, which names the unfinished instances. The tasks themselves go on: stopping the wait does not cancel them.
 *
 * <p>Thread-safe and reusable.
 */
public final class InvocationWatcher {

    /**
     * The most threads the polling of every watch in this JVM uses, however many watches there
     * are: one timer thread (rounds start and wait timeouts fire on it) and a bounded pool on which
     * rounds send their requests, one round at a time per key, region and endpoint, so that a hung
     * endpoint holds one thread and the others go on.
     */
    public static final int MAX_POLLING_THREADS = 1 + PollerThreads.ROUND_THREADS;

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
     * @return a builder with the default intervals (1 s to 3 s) and a one-hour wait timeout
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
        CompletableFuture<WatchResult> future = watchAsync(invocationId, alreadyReported, listener);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TatException tat) {
                throw tat; // WaitTimeoutException, InvocationNotFoundException, an API error
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a watch ended with " + cause, cause);
        }
    }

    /**
     * Starts waiting for every task of an invocation to finish, and returns at once. The wait is
     * served by the poller that all watches of the client's key, region and endpoint in this JVM
     * share (see the class description): it holds no thread, and the listener is called from
     * the poller's threads. Cancelling the future ends the wait (the tasks are not cancelled).
     *
     * @param invocationId the invocation, {@code inv-xxxxxxxx}
     * @param listener hears each finished task and the progress
     * @return completes with a report per task, or exceptionally with a {@link WaitTimeoutException}
     *     when the wait timeout passed first, an {@link InvocationNotFoundException}, or the
     *     {@link io.jenkins.plugins.tat.client.TencentCloudApiException} of an API error that will
     *     not pass
     * @throws InvalidRequestException if the ID is not an invocation ID (nothing was sent)
     */
    public CompletableFuture<WatchResult> watchAsync(String invocationId, WatchListener listener) {
        return watchAsync(invocationId, Set.of(), listener);
    }

    /**
     * Like {@link #watchAsync(String, WatchListener)}, without telling the listener again about
     * tasks it already heard of (for resuming a wait, e.g. after a restart). The result still has
     * every task's report.
     *
     * @param invocationId the invocation, {@code inv-xxxxxxxx}
     * @param alreadyReported IDs of tasks not to report to the listener again
     * @param listener hears each newly finished task and the progress
     * @return completes as for {@link #watchAsync(String, WatchListener)}
     * @throws InvalidRequestException if the ID is not an invocation ID (nothing was sent)
     */
    public CompletableFuture<WatchResult> watchAsync(String invocationId, Collection<String> alreadyReported,
            WatchListener listener) {
        // The ID is quoted shortened, invisible characters written out (TatIds does it).
        Optional<Violation> invalid = TatIds.checkInvocationId("InvocationId", invocationId);
        if (invalid.isPresent()) {
            throw new InvalidRequestException("wait request", List.of(invalid.get()));
        }
        PolledWatch watch = new PolledWatch(invocationId, Set.copyOf(alreadyReported), Objects.requireNonNull(listener),
                initialInterval, maxInterval, waitTimeout, client.region());
        SharedPoller.of(client).add(watch, client);
        return watch.future;
    }

    /**
     * Waits for several invocations at once, e.g. the batches of a fleet. Each is one watch of
     * the shared poller, whose rounds ask for up to 100 invocations in one call, so waiting for
     * a fleet of many batches costs about what waiting for one invocation costs.
     *
     * @param invocationIds the invocations, {@code inv-xxxxxxxx}, none twice
     * @param alreadyReported IDs of tasks not to report to the listener again
     * @param listener hears each newly finished task of any of them; called from the poller's
     *     threads, possibly for two invocations at once
     * @return completes with one result per invocation, in the order given; or exceptionally as
     *     {@link #watchAsync(String, WatchListener)} does, with the first watch's failure, which
     *     cancels the other watches. Cancelling it cancels every watch (not the tasks).
     * @throws InvalidRequestException if an ID is not an invocation ID or is given twice (nothing
     *     was sent and no watch started)
     */
    public CompletableFuture<List<WatchResult>> watchAllAsync(List<String> invocationIds,
            Collection<String> alreadyReported, WatchListener listener) {
        List<Violation> violations = InvocationIdList.check("InvocationIds", invocationIds);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("wait request", violations);
        }
        Objects.requireNonNull(listener);
        List<CompletableFuture<WatchResult>> watches = new ArrayList<>(invocationIds.size());
        for (String id : invocationIds) {
            watches.add(watchAsync(id, alreadyReported, listener));
        }
        return AllOf.allOrFirstFailure(watches);
    }

    /**
     * Stops the polling of every watch in this JVM, without completing their futures: for a
     * process that shuts down and resumes its waits after it starts again. A later watch starts
     * the polling again.
     */
    public static void stopAllPolling() {
        SharedPoller.shutdownAll();
    }

    /** The exception of a wait that timed out, naming what had not finished. */
    static WaitTimeoutException timeoutException(String invocationId, Duration waitTimeout, int taskCount,
            Map<String, String> unfinished, WatchResult partial, TatException lastFailure) {
        String list = unfinished.entrySet().stream().limit(20).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        if (unfinished.size() > 20) {
            list += ", …";
        }
        boolean undelivered = unfinished.values().stream().map(TaskStatus::of)
                .anyMatch(s -> s == TaskStatus.PENDING || s == TaskStatus.DELIVERING || s == TaskStatus.DELIVER_DELAYED);
        String message = "Gave up waiting for " + invocationId + " after " + human(waitTimeout) + ": "
                + (taskCount == 0 ? "the invocation has no tasks yet"
                        : unfinished.size() + " of " + taskCount + " tasks had not finished (" + list + ")")
                + ". The tasks were not cancelled."
                + (undelivered ? " Tasks still waiting for delivery usually mean the TAT agent on the instance is"
                        + " offline; check the agent status in the TAT console." : "")
                + (lastFailure != null && taskCount == 0 ? " The last poll failed: " + lastFailure.getMessage() : "");
        return new WaitTimeoutException(message, partial, unfinished);
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
        // A task's end is seen at most about 3 s late. Polls are cheap (one request serves 100
        // waits) and TAT's API calls cost nothing, so a longer cap would only slow builds down.
        private Duration maxInterval = Duration.ofSeconds(3);
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
