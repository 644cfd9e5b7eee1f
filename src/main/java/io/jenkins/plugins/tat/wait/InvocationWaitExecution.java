package io.jenkins.plugins.tat.wait;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.init.Terminator;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import io.jenkins.plugins.tat.cloud.TencentCloudContext;
import io.jenkins.plugins.tat.config.TatClients;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import io.jenkins.plugins.tat.invoke.InvocationSpec;
import io.jenkins.plugins.tat.invoke.TatInvoker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadPoolExecutor;
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
 * so rather than risk running it twice. {@link #blocksRestart()} keeps a safe restart from
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
 * already printed, how to judge and what to return); the {@link InvocationSpec}, whose parameter
 * values are often passwords, is never serialised (see the {@code spec} field).
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
     * What to invoke: set for {@code tatInvoke} until the waiting thread sends InvokeCommand, then
     * {@code null} (always {@code null} for {@code tatWait}). It is transient because the state
     * Pipeline writes while InvokeCommand is in flight must not hold parameter values either, and
     * nothing after a restart needs it: without an InvocationId, {@link #onResume()} fails the step
     * rather than invoke again. So it lives in this JVM's memory only, from the step's start until
     * the request is built.
     */
    @CheckForNull
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "Never needed after a restart: onResume does not invoke. Not persisted: it holds parameter values.")
    private transient volatile InvocationSpec spec;
    private final String credentialsId;
    private final String region;
    /** The CAM role of the enclosing {@code withTencentCloud} block, or {@code null}; IDs only, no secret. */
    @CheckForNull
    private final CamRole role;
    private final long waitTimeoutSeconds;
    private final boolean failOnTaskFailure;
    private final boolean returnTaskMaps;
    /** Set once InvokeCommand answered; saved before the first poll. */
    @CheckForNull
    private volatile String invocationId;
    /** When the wait ends, in epoch milliseconds; 0 until waiting starts. Survives restarts. */
    private volatile long deadlineMillis;
    /** Tasks whose output is already in the log; written by the waiting thread, saved with the Pipeline. */
    private final ConcurrentHashMap.KeySetView<String, Boolean> reported = ConcurrentHashMap.newKeySet();

    // State of this JVM only: after a restart no wait is running, nothing is stopping and nothing
    // is being invoked, which are exactly the default values deserialisation leaves.
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "null after a restart is right")
    private transient volatile Future<?> task;
    /** The poller's wait, once registered; cancelling it ends the wait. */
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "null after a restart is right")
    private transient volatile CompletableFuture<WatchResult> watching;
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "false after a restart is right")
    private transient volatile boolean stopping;
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "false after a restart is right")
    private transient volatile boolean invoking;
    /** Why the step was stopped; the waiting thread ends the step with it if stop() could not. */
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "null after a restart is right")
    private transient volatile Throwable stopCause;

    /**
     * For {@code tatInvoke(waitForCompletion: true)}.
     *
     * @param context the step context
     * @param spec what to invoke
     * @param waitTimeoutSeconds how long to wait
     * @param failOnTaskFailure whether a task that did not succeed fails the step
     * @return the execution
     */
    public static InvocationWaitExecution invokeAndWait(StepContext context, InvocationSpec spec, long waitTimeoutSeconds,
            boolean failOnTaskFailure) {
        return new InvocationWaitExecution(context, spec, spec.getCredentialsId(), spec.getRegion(), spec.getRole(), null,
                waitTimeoutSeconds, failOnTaskFailure, false);
    }

    /**
     * For {@code tatWait}.
     *
     * @param context the step context
     * @param scope the API key, region and role ({@code TencentCloudContext.resolve})
     * @param invocationId the invocation to wait for
     * @param waitTimeoutSeconds how long to wait
     * @param failOnTaskFailure whether a task that did not succeed fails the step
     * @return the execution
     */
    public static InvocationWaitExecution waitOnly(StepContext context, TencentCloudContext scope, String invocationId,
            long waitTimeoutSeconds, boolean failOnTaskFailure) {
        return new InvocationWaitExecution(context, null, scope.getCredentialsId(), scope.getRegion(), scope.getRole(),
                invocationId, waitTimeoutSeconds, failOnTaskFailure, true);
    }

    private InvocationWaitExecution(StepContext context, InvocationSpec spec, String credentialsId, String region,
            CamRole role, String invocationId, long waitTimeoutSeconds, boolean failOnTaskFailure, boolean returnTaskMaps) {
        super(context);
        this.spec = spec;
        this.credentialsId = credentialsId;
        this.region = region;
        this.role = role;
        this.invocationId = invocationId;
        this.waitTimeoutSeconds = waitTimeoutSeconds;
        this.failOnTaskFailure = failOnTaskFailure;
        this.returnTaskMaps = returnTaskMaps;
    }

    @Override
    public boolean start() {
        invoking = invocationId == null;
        submitWork();
        return false;
    }

    @Override
    public void onResume() {
        if (invocationId == null) {
            getContext().onFailure(new AbortException(Messages.InvocationWaitExecution_RestartedWhileInvoking()));
            return;
        }
        log(Messages.InvocationWaitExecution_Resuming(invocationId));
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
        CompletableFuture<WatchResult> waiting = watching;
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
        String id = invocationId;
        if (id == null) {
            // InvokeCommand is in flight (or not started): the waiting thread, interrupted now,
            // logs what is known, cancels if an InvocationId still arrives, and ends the step.
            // Should it not end promptly, end the step anyway.
            Timer.get().schedule(() -> getContext().onFailure(cause), 30, TimeUnit.SECONDS);
            return;
        }
        // Cancel off the CPS VM thread: it is an HTTP call.
        Pool.submit(() -> {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                Run<?, ?> run = getContext().get(Run.class);
                InvocationWaiter.cancel(client(run), id, listener);
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not cancel TAT invocation " + id + " of a stopped step", e);
            } catch (InterruptedException e) {
                LOGGER.log(Level.WARNING, "Interrupted while cancelling TAT invocation " + id + " of a stopped step", e);
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
        String id = invocationId;
        return id == null ? Messages.InvocationWaitExecution_StatusInvoking() : Messages.InvocationWaitExecution_StatusWaiting(id);
    }

    private void work() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            TatClient client;
            String id = invocationId;
            if (id == null) {
                TatInvoker.Started started = invokeOnce(run, listener);
                client = started.client();
                id = started.invocationId();
                deadlineMillis = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(waitTimeoutSeconds);
                invocationId = id;
                invoking = false;
                if (stopping) {
                    // Stopped while InvokeCommand was answering: stop() had no InvocationId to cancel.
                    Thread.interrupted();
                    InvocationWaiter.cancel(client, id, listener);
                    getContext().onFailure(stopCause);
                    return;
                }
                saveState();
            } else {
                client = client(run);
                if (deadlineMillis == 0) {
                    deadlineMillis = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(waitTimeoutSeconds);
                }
            }
            long left = Math.max(1, deadlineMillis - System.currentTimeMillis());
            String waitedFor = id;
            CompletableFuture<WatchResult> waiting =
                    InvocationWaiter.awaitAsync(client, id, run, listener, Duration.ofMillis(left), reported);
            watching = waiting;
            // This thread returns now; the poller's callback ends the step.
            waiting.whenComplete((result, failure) -> finish(waitedFor, result, failure, listener));
            if (stopping) {
                waiting.cancel(false); // stop() came while the wait was being registered
            }
        } catch (Throwable t) {
            // Whatever goes wrong must end the step; otherwise the build would wait forever.
            if (stopping) {
                if (invocationId == null) {
                    // stop() left ending the step to this thread: InvokeCommand was in flight.
                    log(Messages.InvocationWaitExecution_AbortedWhileInvoking());
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
    private void finish(String id, WatchResult result, Throwable failure, TaskListener listener) {
        if (failure instanceof CancellationException) {
            return; // stop() cancelled the wait and ends the step itself
        }
        if (failure != null) {
            getContext().onFailure(failure);
            return;
        }
        try {
            InvocationWaiter.judge(result, failOnTaskFailure, listener);
            getContext().onSuccess(returnTaskMaps ? taskMaps(result) : id);
        } catch (AbortException | RuntimeException e) {
            getContext().onFailure(e);
        }
    }

    /** Sends InvokeCommand; from here on only this call holds the spec, and only while it runs. */
    private TatInvoker.Started invokeOnce(Run<?, ?> run, TaskListener listener) throws IOException, InterruptedException {
        InvocationSpec toInvoke = spec;
        spec = null;
        if (toInvoke == null) {
            throw new IllegalStateException("tatWait always has an InvocationId");
        }
        return TatInvoker.invoke(run, listener, toInvoke);
    }

    private void log(String line) {
        try {
            getContext().get(TaskListener.class).getLogger().println(line);
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "no log for: " + line, e);
        }
    }

    private TatClient client(Run<?, ?> run) throws AbortException {
        return TatClients.create(TencentCloudApiKeys.forRun(run, credentialsId, role, region), region);
    }

    /** Saves the InvocationId before the first poll, so that a restart waits instead of invoking. */
    private void saveState() throws InterruptedException {
        try {
            getContext().saveState().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not save the Pipeline state after starting TAT invocation " + invocationId, e);
        }
    }

    /** Plain lists and maps of strings and numbers, which a sandboxed script may read. */
    private static ArrayList<Object> taskMaps(WatchResult result) {
        ArrayList<Object> maps = new ArrayList<>();
        for (TaskReport report : result.reports()) {
            maps.add(report.toMap());
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
