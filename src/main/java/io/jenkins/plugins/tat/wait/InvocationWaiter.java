package io.jenkins.plugins.tat.wait;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.TatInvocationAction;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.api.CancelInvocationRequest;
import io.jenkins.plugins.tat.client.api.CancelInvocationResponse;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.fleet.AllOf;
import io.jenkins.plugins.tat.client.rules.Endpoints;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.TaskReportFormatter;
import io.jenkins.plugins.tat.client.watch.TaskVerdict;
import io.jenkins.plugins.tat.client.watch.WaitTimeoutException;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import io.jenkins.plugins.tat.config.TatClientFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What both front ends do to wait for an invocation: poll with tat-client's
 * {@link InvocationWatcher}, print each task to the build log when it ends, record the outcome on
 * the build's {@link TatInvocationAction}, and decide whether the build fails. Also cancels an
 * invocation when the build is aborted.
 */
@Restricted(NoExternalUse.class)
public final class InvocationWaiter {

    private static final Logger LOGGER = Logger.getLogger(InvocationWaiter.class.getName());
    /** Progress lines ("2 running, 1 pending") at most this often, so big fleets do not flood the log. */
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(60).toNanos();

    private InvocationWaiter() {}

    /**
     * Waits until every task of the invocations ended (one, or a fleet's batches), printing each
     * task's header and output.
     *
     * @param client the client
     * @param invocationIds the invocations
     * @param run the build
     * @param listener its log
     * @param timeout how long to wait at most
     * @param reported IDs of tasks already printed (e.g. before a restart); tasks printed now are
     *     added, so the caller may persist it
     * @return one result per invocation, in the order given
     * @throws AbortException if the wait times out, an invocation does not exist, or the API fails
     * @throws InterruptedException if the build is aborted meanwhile
     */
    @NonNull
    public static List<WatchResult> await(@NonNull TatClient client, @NonNull List<String> invocationIds,
            @NonNull Run<?, ?> run, @NonNull TaskListener listener, @NonNull Duration timeout, @NonNull Set<String> reported)
            throws AbortException, InterruptedException {
        // Freestyle: the tails on the build page are masked as the build wrappers mask the log.
        CompletableFuture<List<WatchResult>> waiting =
                awaitAsync(client, invocationIds, run, listener, timeout, reported, LogMask.of(null, run));
        try {
            return waiting.get();
        } catch (InterruptedException e) {
            waiting.cancel(false); // the poller forgets the waits; the caller cancels the invocations
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AbortException abort) {
                throw abort;
            }
            throw new AbortException("TAT: " + e.getCause());
        }
    }

    /**
     * Like {@link #awaitAsync(TatClient, String, Run, TaskListener, Duration, Set)} for several
     * invocations at once, e.g. the batches of a fleet, all on the shared poller.
     *
     * @param client the client
     * @param invocationIds the invocations
     * @param run the build
     * @param listener its log
     * @param timeout how long to wait at most
     * @param reported IDs of tasks already printed; tasks printed now are added
     * @return completes with one result per invocation, in the order given; or exceptionally with
     *     the first wait's failure, which ends the other waits. Cancelling it ends them all.
     */
    @NonNull
    public static CompletableFuture<List<WatchResult>> awaitAsync(@NonNull TatClient client,
            @NonNull List<String> invocationIds, @NonNull Run<?, ?> run, @NonNull TaskListener listener,
            @NonNull Duration timeout, @NonNull Set<String> reported) {
        return awaitAsync(client, invocationIds, run, listener, timeout, reported, UnaryOperator.identity());
    }

    /**
     * Like {@link #awaitAsync(TatClient, List, Run, TaskListener, Duration, Set)}, with the masking
     * the step's build log applies, for the output tails kept on the build page.
     *
     * @param client the client
     * @param invocationIds the invocations
     * @param run the build
     * @param listener its log
     * @param timeout how long to wait at most
     * @param reported IDs of tasks already printed; tasks printed now are added
     * @param mask masks secrets in text as the step's log does ({@link LogMask})
     * @return as the other
     */
    @NonNull
    public static CompletableFuture<List<WatchResult>> awaitAsync(@NonNull TatClient client,
            @NonNull List<String> invocationIds, @NonNull Run<?, ?> run, @NonNull TaskListener listener,
            @NonNull Duration timeout, @NonNull Set<String> reported, @NonNull UnaryOperator<String> mask) {
        List<CompletableFuture<WatchResult>> waits = new ArrayList<>(invocationIds.size());
        for (String id : invocationIds) {
            waits.add(awaitAsync(client, id, run, listener, timeout, reported, mask));
        }
        return AllOf.allOrFirstFailure(waits);
    }

    /**
     * Waits for one invocation without holding a thread: the wait is one of the shared poller's
     * (tat-client's {@link InvocationWatcher#watchAsync}), which prints each task from its own
     * threads and completes the future. Cancelling the future ends the wait, not the tasks.
     *
     * @param client the client
     * @param invocationId the invocation
     * @param run the build
     * @param listener its log
     * @param timeout how long to wait at most
     * @param reported IDs of tasks already printed; tasks printed now are added
     * @return completes with the result, or exceptionally with an {@link AbortException} if the
     *     wait timed out, the invocation does not exist or the API failed
     */
    @NonNull
    public static CompletableFuture<WatchResult> awaitAsync(@NonNull TatClient client, @NonNull String invocationId,
            @NonNull Run<?, ?> run, @NonNull TaskListener listener, @NonNull Duration timeout, @NonNull Set<String> reported) {
        return awaitAsync(client, invocationId, run, listener, timeout, reported, UnaryOperator.identity());
    }

    private static CompletableFuture<WatchResult> awaitAsync(TatClient client, String invocationId, Run<?, ?> run,
            TaskListener listener, Duration timeout, Set<String> reported, UnaryOperator<String> mask) {
        PrintStream log = listener.getLogger();
        log.println(Messages.InvocationWaiter_Waiting(invocationId, Math.round(timeout.toMillis() / 1000.0)));
        InvocationWatcher watcher = InvocationWatcher.builder(client).waitTimeout(timeout).build();
        CompletableFuture<WatchResult> watching;
        try {
            watching = watcher.watchAsync(invocationId, Set.copyOf(reported), new LogListener(log, invocationId, reported));
        } catch (TatException e) {
            return CompletableFuture.failedFuture(new AbortException("TAT: " + TatClientFactory.explain(e, client)));
        }
        CompletableFuture<WatchResult> outcome = new CompletableFuture<>();
        watching.whenComplete((result, failure) -> {
            if (failure == null) {
                record(run, client, result, mask);
                log.println("TAT: " + TaskReportFormatter.summary(result));
                outcome.complete(result);
            } else if (failure instanceof WaitTimeoutException timedOut) {
                record(run, client, timedOut.partial(), mask);
                outcome.completeExceptionally(new AbortException("TAT: " + timedOut.getMessage()));
            } else if (failure instanceof TatException tat) {
                outcome.completeExceptionally(new AbortException("TAT: " + TatClientFactory.explain(tat, client)));
            } else {
                outcome.completeExceptionally(failure); // cancelled: whoever cancelled ends the step
            }
        });
        // Cancelling what the caller holds must end the poller's wait too.
        outcome.whenComplete((r, e) -> {
            if (outcome.isCancelled()) {
                watching.cancel(false);
            }
        });
        return outcome;
    }

    /**
     * Fails the step if a task did not succeed, unless told not to.
     *
     * @param results how the invocations ended (one, or a fleet's batches)
     * @param failOnTaskFailure whether a task that did not succeed fails the step
     * @param listener the build log
     * @throws AbortException naming the instances whose task did not succeed
     */
    public static void judge(@NonNull List<WatchResult> results, boolean failOnTaskFailure, @NonNull TaskListener listener)
            throws AbortException {
        TaskVerdict verdict = TaskVerdict.of(results);
        if (verdict.succeeded()) {
            return;
        }
        String message = Messages.InvocationWaiter_TasksFailed(verdict.unsuccessfulCount(), verdict.taskCount(),
                verdict.invocationIds(), verdict.unsuccessfulTasks());
        if (verdict.failsStep(failOnTaskFailure)) {
            throw new AbortException(message);
        }
        listener.getLogger().println(message + " " + Messages.InvocationWaiter_NotFailing());
    }

    /**
     * Cancels invocations because the build was aborted, and logs what the API answered. Never
     * throws: the build is ending anyway, and the log says what to do if cancelling failed.
     *
     * @param client the client
     * @param invocationIds the invocations (one, or a fleet's batches)
     * @param listener the build log
     */
    public static void cancel(@NonNull TatClient client, @NonNull List<String> invocationIds, @NonNull TaskListener listener) {
        invocationIds.forEach(id -> cancel(client, id, listener));
    }

    /**
     * Cancels one invocation because the build was aborted, and logs what the API answered. Never
     * throws.
     *
     * @param client the client
     * @param invocationId the invocation
     * @param listener the build log
     */
    public static void cancel(@NonNull TatClient client, @NonNull String invocationId, @NonNull TaskListener listener) {
        PrintStream log = listener.getLogger();
        log.println(Messages.InvocationWaiter_Cancelling(invocationId));
        try {
            CancelInvocationResponse response = client.cancelInvocation(CancelInvocationRequest.of(invocationId));
            log.println(Messages.InvocationWaiter_Cancelled(invocationId, response.requestId()));
        } catch (TatException e) {
            log.println(Messages.InvocationWaiter_CancelFailed(invocationId, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.println(Messages.InvocationWaiter_CancelFailed(invocationId, "interrupted"));
        }
    }

    /**
     * Records the outcome on the build's action for the invocation. A build that did not start the
     * invocation (tatWait on another build's) gets one now, once the invocation is known to exist.
     */
    private static void record(Run<?, ?> run, TatClient client, WatchResult result, UnaryOperator<String> mask) {
        TatInvocationAction action = TatInvocationAction.find(run, result.invocationId());
        if (action == null) {
            action = new TatInvocationAction(result.invocationId(), client.region(), null, null, 0,
                    Endpoints.consoleUrl(client.endpoint(), client.region()));
            run.addAction(action);
        }
        action.recordResult(result, mask);
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run + " after recording " + result.invocationId(), e);
        }
    }

    /** Prints each finished task, and now and then the progress. */
    private static final class LogListener implements WatchListener {
        private final PrintStream log;
        private final String invocationId;
        private final Set<String> reported;
        private long lastProgress = System.nanoTime() - PROGRESS_EVERY_NANOS;

        LogListener(PrintStream log, String invocationId, Set<String> reported) {
            this.log = log;
            this.invocationId = invocationId;
            this.reported = reported;
        }

        @Override
        public void taskFinished(TaskReport report) {
            TaskReportFormatter.lines(report).forEach(log::println);
            reported.add(report.invocationTaskId());
        }

        @Override
        public void progress(Map<TaskStatus, Integer> counts, int total) {
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                lastProgress = now;
                log.println(Messages.InvocationWaiter_Progress(invocationId, WatchResult.summarise(counts), total));
            }
        }
    }
}
