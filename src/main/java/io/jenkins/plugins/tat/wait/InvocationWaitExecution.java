package io.jenkins.plugins.tat.wait;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.console.ConsoleLogFilter;
import hudson.init.Terminator;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.fleet.BatchSender;
import io.jenkins.plugins.tat.client.fleet.InvocationIdList;
import io.jenkins.plugins.tat.client.fleet.SentBatch;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import io.jenkins.plugins.tat.cloud.TencentCloudContext;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.springframework.security.core.Authentication;

/**
 * Invokes a command if asked to, then waits for the invocation, surviving a controller restart.
 * Used by {@code tatInvoke(waitForCompletion: true)} (which returns the InvocationId) and by
 * {@code tatWait} (which returns a list of maps, one per task).
 *
 * <p><b>Restart.</b> The InvocationId is saved with the Pipeline's state ({@link StepContext#saveState()})
 * before the first poll, together with the deadline and the tasks already printed. After a
 * restart {@link #onResume()} polls again; it never invokes again. If Jenkins stopped while
 * InvokeCommand was being sent, whether the command started is unknown, and the step fails saying
 * so rather than risk running it twice; for a fleet it names the invocations that run and every
 * instance not sent, both saved before each batch is sent. {@link #blocksRestart()} keeps a safe restart from
 * happening in that window.
 *
 * <p><b>Abort.</b> {@link #stop(Throwable)} interrupts the wait, cancels the invocation
 * (CancelInvocation: pending tasks become CANCELLED, running ones TERMINATED), logs the answer,
 * then ends the step with the abort's cause.
 *
 * <p><b>Nothing secret at rest.</b> Pipeline writes this object to {@code program.dat} in the build
 * folder whenever it saves the program: with the default durability as soon as {@link #start()}
 * has returned, at every {@link StepContext#saveState()}, and when Jenkins shuts down or the build
 * pauses (workflow-cps {@code CpsThreadGroup}). So it keeps only what a resume needs (InvocationId, region, credentials ID, the CAM role's ARN if any, deadline, the tasks
 * already printed, how to judge and what to return); the {@link InvocationSender}, which holds
 * what to send and whose parameter values are often passwords, is never serialised (see the
 * {@code sender} field).
 *
 * <p><b>No thread while waiting.</b> InvokeCommand and the credentials look-up run on this class's
 * own pool of daemon threads, never on the CPS VM thread. The wait itself is one of tat-client's
 * shared poller's ({@code InvocationWatcher.watchAsync}): it holds no thread, and its callback ends
 * the step, the way {@code SleepStep} and {@code DurableTaskStep} wait. A thousand waiting builds
 * cost the controller a few poller threads, not a thousand sleeping ones.
 */
@Restricted(NoExternalUse.class)
public final class InvocationWaitExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(InvocationWaitExecution.class.getName());

    /**
     * What to invoke: set for {@code tatInvoke} and {@code tatRun} until the waiting thread sends it, then
     * {@code null} (always {@code null} for {@code tatWait}). It is transient because the state
     * Pipeline writes while InvokeCommand is in flight must not hold parameter values either, and
     * nothing after a restart needs it: without an InvocationId, {@link #onResume()} fails the step
     * rather than invoke again. So it lives in this JVM's memory only, from the step's start until
     * the request is built.
     */
    @CheckForNull
    private transient volatile InvocationSender sender;
    private final String credentialsId;
    private final String region;
    /** The CAM role of the enclosing {@code withTencentCloud} block, or {@code null}; IDs only, no secret. */
    @CheckForNull
    private final CamRole role;
    private final long waitTimeoutSeconds;
    private final boolean failOnTaskFailure;
    private final boolean returnTaskMaps;
    /**
     * The only InvocationId, in the state saved before fleets were sent in batches; read by
     * {@link #readResolve()} only.
     */
    @CheckForNull
    private volatile String invocationId;
    /**
     * The InvocationIds, one per batch; each saved as soon as the API answered, before the next
     * batch is sent. Replaced, never changed, so that a reader sees a whole list.
     */
    private volatile ArrayList<String> invocationIds;
    /**
     * The instances of a fleet's batches the API has not accepted yet, in batch order: set before
     * the first batch is sent, and shrunk as each is accepted, each time saved before the next
     * batch is sent; {@code null} for a single invocation, once all were sent, and in state saved
     * before it was kept. Instance IDs only. A restart while sending names them.
     */
    @CheckForNull
    private volatile ArrayList<String> notSent;
    /** Whether every batch was sent (always for {@code tatWait}); until then a restart must not wait or send. */
    private volatile boolean allSent;
    /** When the wait ends, in epoch milliseconds; 0 until waiting starts. Survives restarts. */
    private volatile long deadlineMillis;
    /** Tasks whose output is already in the log; written by the waiting thread, saved with the Pipeline. */
    private final ConcurrentHashMap.KeySetView<String, Boolean> reported = ConcurrentHashMap.newKeySet();

    // State of this JVM only: after a restart no wait is running, nothing is stopping and nothing
    // is being invoked, which are exactly the default values deserialisation leaves.
    private transient volatile Future<?> task;
    /** The poller's wait, once registered; cancelling it ends the wait. */
    private transient volatile CompletableFuture<List<WatchResult>> watching;
    private transient volatile boolean stopping;
    private transient volatile boolean invoking;
    /** Why the step was stopped; the waiting thread ends the step with it if stop() could not. */
    private transient volatile Throwable stopCause;

    /**
     * For {@code tatInvoke} and {@code tatRun} with {@code waitForCompletion: true}.
     *
     * @param context the step context
     * @param sender sends what to invoke
     * @param scope the API key, region and role the sender uses, to wait and cancel with
     * @param waitTimeoutSeconds how long to wait
     * @param failOnTaskFailure whether a task that did not succeed fails the step
     * @return the execution
     */
    public static InvocationWaitExecution invokeAndWait(StepContext context, InvocationSender sender,
            TencentCloudContext scope, long waitTimeoutSeconds, boolean failOnTaskFailure) {
        return new InvocationWaitExecution(context, sender, scope.getCredentialsId(), scope.getRegion(), scope.getRole(), List.of(),
                waitTimeoutSeconds, failOnTaskFailure, false);
    }

    /**
     * For {@code tatWait}.
     *
     * @param context the step context
     * @param scope the API key, region and role ({@code TencentCloudContext.resolve})
     * @param invocationIds the invocations to wait for (one, or a fleet's batches)
     * @param waitTimeoutSeconds how long to wait
     * @param failOnTaskFailure whether a task that did not succeed fails the step
     * @return the execution
     */
    public static InvocationWaitExecution waitOnly(StepContext context, TencentCloudContext scope,
            List<String> invocationIds, long waitTimeoutSeconds, boolean failOnTaskFailure) {
        return new InvocationWaitExecution(context, null, scope.getCredentialsId(), scope.getRegion(), scope.getRole(),
                invocationIds, waitTimeoutSeconds, failOnTaskFailure, true);
    }

    private InvocationWaitExecution(StepContext context, InvocationSender sender, String credentialsId, String region,
            CamRole role, List<String> invocationIds, long waitTimeoutSeconds, boolean failOnTaskFailure,
            boolean returnTaskMaps) {
        super(context);
        this.sender = sender;
        this.credentialsId = credentialsId;
        this.region = region;
        this.role = role;
        this.invocationIds = new ArrayList<>(invocationIds);
        this.allSent = sender == null;
        this.waitTimeoutSeconds = waitTimeoutSeconds;
        this.failOnTaskFailure = failOnTaskFailure;
        this.returnTaskMaps = returnTaskMaps;
    }

    /** State saved before fleets were sent in batches holds one InvocationId, or none yet. */
    private Object readResolve() {
        if (invocationIds == null) {
            String only = invocationId;
            invocationIds = only == null ? new ArrayList<>() : new ArrayList<>(List.of(only));
            allSent = only != null;
            invocationId = null;
        }
        return this;
    }

    @Override
    public boolean start() {
        invoking = !allSent;
        submitWork();
        return false;
    }

    @Override
    public void onResume() {
        List<String> ids = invocationIds;
        if (!allSent) {
            // Whether the batch being sent started is unknown; nothing is sent again, and the
            // batches that did start are not waited for (the step fails saying which they are).
            List<String> unsent = notSent;
            getContext().onFailure(new AbortException(ids.isEmpty() ? Messages.InvocationWaitExecution_RestartedWhileInvoking()
                    : unsent == null ? Messages.InvocationWaitExecution_RestartedWhileSendingBatches(InvocationIdList.join(ids))
                    : Messages.InvocationWaitExecution_RestartedWhileSendingBatchesNotSent(InvocationIdList.join(ids),
                            unsent.size(), String.join(", ", unsent))));
            return;
        }
        log(Messages.InvocationWaitExecution_Resuming(InvocationIdList.join(ids)));
        submitWork();
    }

    /**
     * Runs {@link #work()} on the pool as the build's user: the caller here is the CPS VM thread,
     * whose authentication is the build's (SynchronousNonBlockingStepExecution does the same).
     */
    private void submitWork() {
        Authentication auth = Jenkins.getAuthentication2();
        task = Pool.submit(() -> {
            try (ACLContext ignored = ACL.as2(auth)) {
                work();
            }
        });
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        synchronized (this) {
            if (stopping) {
                return; // a second abort click: the first one is already cancelling
            }
            stopping = true;
            stopCause = cause;
        }
        CompletableFuture<List<WatchResult>> waiting = watching;
        Future<?> running = task;
        if (waiting != null) {
            if (waiting.isDone()) {
                getContext().onFailure(cause); // the wait had ended; nothing left to cancel
                return;
            }
            waiting.cancel(false);
        } else if (running != null) {
            running.cancel(true); // still invoking or looking up the key: interrupt it
        }
        if (!allSent) {
            // A batch is in flight (or none started yet): the sending thread, interrupted now,
            // logs what is known, cancels the batches that started, and ends the step. Should it
            // not end promptly, end the step anyway.
            Timer.get().schedule(() -> getContext().onFailure(cause), 30, TimeUnit.SECONDS);
            return;
        }
        List<String> ids = invocationIds;
        // Cancel off the CPS VM thread: it is an HTTP call.
        Pool.submit(() -> {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                Run<?, ?> run = getContext().get(Run.class);
                InvocationWaiter.cancel(client(run), ids, listener);
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not cancel TAT invocations " + ids + " of a stopped step", e);
            } catch (InterruptedException e) {
                LOGGER.log(Level.WARNING, "Interrupted while cancelling TAT invocations " + ids + " of a stopped step", e);
            } finally {
                getContext().onFailure(cause);
            }
        });
    }

    /** A restart while InvokeCommand is in flight would leave its outcome unknown. */
    @Override
    public boolean blocksRestart() {
        return invoking;
    }

    @Override
    public String getStatus() {
        return !allSent ? Messages.InvocationWaitExecution_StatusInvoking()
                : Messages.InvocationWaitExecution_StatusWaiting(InvocationIdList.join(invocationIds));
    }

    private void work() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            TatClient client;
            List<String> ids;
            if (!allSent) {
                StartedInvocations started = invokeOnce(run, listener);
                client = started.client();
                ids = started.invocationIds();
                deadlineMillis = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(waitTimeoutSeconds);
                invocationIds = new ArrayList<>(ids);
                notSent = null;
                allSent = true;
                invoking = false;
                if (stopping) {
                    // Stopped while the last batch was answering: stop() left the cancelling here.
                    Thread.interrupted();
                    InvocationWaiter.cancel(client, ids, listener);
                    getContext().onFailure(stopCause);
                    return;
                }
                saveState();
            } else {
                ids = invocationIds;
                client = client(run);
                if (deadlineMillis == 0) {
                    deadlineMillis = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(waitTimeoutSeconds);
                }
            }
            long left = Math.max(1, deadlineMillis - System.currentTimeMillis());
            List<String> waitedFor = ids;
            CompletableFuture<List<WatchResult>> waiting =
                    InvocationWaiter.awaitAsync(client, ids, run, listener, Duration.ofMillis(left), reported,
                            LogMask.of(getContext().get(ConsoleLogFilter.class), run));
            watching = waiting;
            // This thread returns now; the poller's callback ends the step.
            waiting.whenComplete((results, failure) -> finish(waitedFor, results, failure, listener));
            if (stopping) {
                waiting.cancel(false); // stop() came while the wait was being registered
            }
        } catch (Throwable t) {
            // Whatever goes wrong must end the step; otherwise the build would wait forever.
            if (stopping) {
                if (!allSent) {
                    // stop() left ending the step to this thread: a batch was in flight.
                    log(Messages.InvocationWaitExecution_AbortedWhileInvoking());
                    cancelSentBatches();
                    getContext().onFailure(stopCause);
                }
            } else if (!Pool.isShuttingDown()) {
                getContext().onFailure(t);
            }
        } finally {
            invoking = false;
        }
    }

    /** Ends the step when the wait ended: with the result, or with why it failed. */
    private void finish(List<String> ids, List<WatchResult> results, Throwable failure, TaskListener listener) {
        if (failure instanceof CancellationException) {
            return; // stop() cancelled the wait and ends the step itself
        }
        if (failure != null) {
            getContext().onFailure(failure);
            return;
        }
        try {
            InvocationWaiter.judge(results, failOnTaskFailure, listener);
            getContext().onSuccess(returnTaskMaps ? taskMaps(results) : InvocationIdList.join(ids));
        } catch (AbortException | RuntimeException e) {
            getContext().onFailure(e);
        }
    }

    /** Sends the invocation; from here on only this call holds the sender, and only while it runs. */
    private StartedInvocations invokeOnce(Run<?, ?> run, TaskListener listener) throws IOException, InterruptedException {
        InvocationSender toSend = sender;
        sender = null;
        if (toSend == null) {
            throw new IllegalStateException("tatWait always has an InvocationId");
        }
        return toSend.send(run, listener, new BatchSender.Progress() {
            @Override
            public void planned(List<List<String>> toSend) throws InterruptedException {
                if (toSend.size() > 1) {
                    ArrayList<String> all = new ArrayList<>();
                    toSend.forEach(all::addAll);
                    notSent = all;
                    saveState(); // before the first batch is sent: a crash then knows what was not
                }
            }

            @Override
            public void sent(SentBatch batch) throws InterruptedException {
                ArrayList<String> sofar = new ArrayList<>(invocationIds);
                sofar.add(batch.invocationId());
                invocationIds = sofar;
                List<String> before = notSent;
                if (before != null) {
                    ArrayList<String> left = new ArrayList<>(before);
                    left.removeAll(Set.copyOf(batch.instanceIds()));
                    notSent = left;
                }
                saveState(); // before the next batch is sent: a restart then knows what started
            }
        });
    }

    /** Cancels the batches that started before the step was stopped while sending. */
    private void cancelSentBatches() {
        List<String> ids = invocationIds;
        if (ids.isEmpty()) {
            return;
        }
        Thread.interrupted(); // the stop interrupted this thread; cancelling must still be sent
        try {
            InvocationWaiter.cancel(client(getContext().get(Run.class)), ids, getContext().get(TaskListener.class));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not cancel TAT invocations " + ids + " of a stopped step", e);
        }
    }

    private void log(String line) {
        try {
            getContext().get(TaskListener.class).getLogger().println(line);
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "no log for: " + line, e);
        }
    }

    private TatClient client(Run<?, ?> run) throws AbortException {
        return TencentCloudApiKeys.clientForRun(run, credentialsId, role, region);
    }

    /** Saves the InvocationIds before the first poll, so that a restart waits instead of invoking. */
    private void saveState() throws InterruptedException {
        try {
            getContext().saveState().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not save the Pipeline state after starting TAT invocations " + invocationIds, e);
        }
    }

    /** Plain lists and maps of strings and numbers, which a sandboxed script may read. */
    private static ArrayList<Object> taskMaps(List<WatchResult> results) {
        ArrayList<Object> maps = new ArrayList<>();
        for (WatchResult result : results) {
            for (TaskReport report : result.reports()) {
                Map<String, Object> map = report.toMap();
                map.put("invocationId", result.invocationId());
                maps.add(map);
            }
        }
        return maps;
    }

    /**
     * Stops invoking and polling when Jenkins shuts down. The Pipeline's state is already saved and
     * {@link #onResume()} picks the waits up after the restart; until then nothing may report an
     * outcome, which an interrupted invocation or a cancelled wait would otherwise do.
     */
    @Terminator
    @Restricted(NoExternalUse.class)
    public static void stopWaitingThreads() {
        Pool.shutDown();
        InvocationWatcher.stopAllPolling();
    }

    /**
     * Daemon threads for InvokeCommand, CancelInvocation and the credentials look-up; waits hold
     * none. At most {@value #THREADS}, ended when idle: the calls are short and the key's rate
     * limit (20 a second) admits no more at once anyway, so more threads would only queue there.
     */
    private static final class Pool {
        static final int THREADS = 8;
        private static ThreadPoolExecutor executor;
        private static volatile boolean shuttingDown;

        static synchronized Future<?> submit(Runnable work) {
            if (executor == null || executor.isShutdown()) {
                // ClassLoaderSanityThreadFactory: threads are created from the CPS VM thread, whose
                // context class loader is a build's script loader, which must not be kept alive.
                executor = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                        new NamingThreadFactory(new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()),
                                "TAT invocation wait"));
                executor.allowCoreThreadTimeOut(true);
                shuttingDown = false;
            }
            return executor.submit(work);
        }

        static synchronized void shutDown() {
            shuttingDown = true;
            if (executor != null) {
                executor.shutdownNow();
            }
        }

        static boolean isShuttingDown() {
            return shuttingDown;
        }
    }
}
